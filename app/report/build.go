package report

import (
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Input is everything a report is built from.
type Input struct {
	Request *store.Request
	Shop    *store.Shop // the controller: name, e-mail, address
	Entries []classify.Entry
	// Answers holds the answer in each language ("de", "en"); both are
	// required.
	Answers map[string]answer.Answer
	// Found is whether the person's data were found; false without entries
	// makes a negative answer, which is a complete answer. Entries make the
	// answer positive whatever Found says (as classify.Answer does).
	Found       bool
	GeneratedAt time.Time
}

// Build assembles the report. It fails with ErrInvalid for inconsistent
// input and with an *IncompleteError (ErrIncomplete) when answer.Validate
// finds an element missing in any language.
func Build(in Input) (*Report, error) {
	if err := check(in); err != nil {
		return nil, err
	}
	r := &Report{
		Schema:      Schema,
		GeneratedAt: in.GeneratedAt.UTC(),
		Controller:  controller(in.Shop),
		Request:     requestInfo(in.Request, in.Shop),
		Processed:   found(in),
		Answers:     make(map[string]Statement, len(Languages)),
		Copy:        Copy{Format: CopyFormat, Items: []Item{}},
		ShopID:      in.Shop.ID,
	}
	for _, lang := range Languages {
		r.Answers[lang] = statement(lang, in.Answers[lang], r.Controller)
	}
	for _, e := range in.Entries {
		it, err := item(e)
		if err != nil {
			return nil, err
		}
		r.Copy.Items = append(r.Copy.Items, it)
	}
	return r, nil
}

func check(in Input) error {
	switch {
	case in.Request == nil:
		return invalid("no request")
	case in.Shop == nil:
		return invalid("no shop")
	case in.Request.ShopID != in.Shop.ID:
		return invalid("request %d belongs to shop %d, not %d", in.Request.ID, in.Request.ShopID, in.Shop.ID)
	case in.Request.Type != store.TypeAccess:
		return invalid("request %d is of type %q; reports answer access requests", in.Request.ID, in.Request.Type)
	case in.GeneratedAt.IsZero():
		return invalid("no generation time")
	}
	for lang := range in.Answers {
		if !isLanguage(lang) {
			return invalid("answer in unsupported language %q (want de and en)", lang)
		}
	}
	incomplete := &IncompleteError{Missing: map[string][]answer.Missing{}}
	for _, lang := range Languages {
		a, ok := in.Answers[lang]
		if !ok {
			return invalid("no answer in %q (every report is written in de and en)", lang)
		}
		if a.Language != "" && a.Language != lang {
			return invalid("the %q answer says it is in %q", lang, a.Language)
		}
		if a.Processed != found(in) {
			return invalid("the %q answer says processed=%t, but found=%t with %d entries", lang, a.Processed, in.Found, len(in.Entries))
		}
		if m := answer.Validate(a); len(m) > 0 {
			incomplete.Missing[lang] = m
		}
	}
	if len(incomplete.Missing) > 0 {
		return incomplete
	}
	return nil
}

// found is whether the answer is positive: entries are data about the
// person, so a report with entries is positive whatever Found says (as in
// classify.Answer).
func found(in Input) bool { return in.Found || len(in.Entries) > 0 }

func isLanguage(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

func requestInfo(rq *store.Request, sh *store.Shop) RequestInfo {
	ri := RequestInfo{
		ID: rq.ID, Type: rq.Type, Source: rq.Source, Locale: rq.Locale,
		ReceivedAt: rq.ReceivedAt.UTC(),
		TimeZone:   sh.Location().String(),
		DueOn:      day(rq.DueAt),
	}
	if rq.ExtendedAt != nil {
		ri.ExtendedDueOn = day(rq.ExtendedDueAt)
	}
	return ri
}

func day(d store.Day) *gdpr.Date {
	if d.IsZero() {
		return nil
	}
	v := gdpr.FromTime(d.Time, time.UTC)
	return &v
}

func statement(lang string, a answer.Answer, ctrl Controller) Statement {
	s := Statement{Language: lang, Controller: ctrl.text(lang), Categories: []Category{}, Rights: []Right{}}
	for _, c := range a.Categories {
		cat := Category{
			Name:         c.Name,
			Purposes:     nonNil(c.Purposes),
			Recipients:   recipients(c.Recipients),
			NoRecipients: c.NoRecipients,
			Storage:      storage(c.Storage),
			Source:       Source(c.Source),
			Types:        []TypeStorage{},
		}
		for _, t := range c.Types {
			cat.Types = append(cat.Types, TypeStorage{
				RecordType: t.RecordType, Name: t.Name, Count: t.Count, Sentence: t.Sentence, Basis: t.Basis,
				FirstUntil: t.First, LastUntil: t.Last, Overdue: t.Overdue,
			})
		}
		s.Categories = append(s.Categories, cat)
	}
	for _, r := range a.Rights {
		s.Rights = append(s.Rights, Right{Right: string(r.Right), Article: gdpr.Cite(lang, r.Article), Text: r.Text})
	}
	if a.Objection != nil {
		// Where to object: the controller's e-mail, which the rules do not know.
		o := answer.ObjectionFor(lang, a.Objection.InterestPurposes, ctrl.Email)
		s.Objection = &Objection{Marketing: o.Marketing, Interests: o.Interests, InterestPurposes: nonNil(o.InterestPurposes)}
	}
	if a.Complaint != nil {
		s.Complaint = &Complaint{Text: a.Complaint.Text, Authority: Authority(a.Complaint.Authority)}
	}
	if a.Automated != nil {
		s.Automated = &Automated{Exists: a.Automated.Exists, Logic: a.Automated.Logic, Consequences: a.Automated.Consequences}
	}
	return s
}

func recipients(rs []answer.Recipient) []Recipient {
	out := make([]Recipient, 0, len(rs))
	for _, r := range rs {
		out = append(out, Recipient(r))
	}
	return out
}

func storage(s answer.Storage) Storage {
	out := Storage{Criteria: s.Criteria, LegalReference: s.LegalReference}
	if s.Until != nil && !s.Until.IsZero() {
		u := *s.Until
		out.Until = &u
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
