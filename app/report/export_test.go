package report

// MessagePairs lists the fixed texts as [de, en] pairs.
func MessagePairs() [][2]string {
	out := make([][2]string, 0, len(messages))
	for _, l := range messages {
		out = append(out, [2]string{l.de, l.en})
	}
	return out
}

// RenderHTMLV1 renders with the layout before issue 12 (the benchmark's
// baseline).
func RenderHTMLV1(r *Report, lang string) ([]byte, error) { return renderHTMLV1(r, lang) }
