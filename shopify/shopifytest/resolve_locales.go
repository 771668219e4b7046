package shopifytest

import (
	"strings"
)

// localeNames are the human-readable names Shopify gives the locales the
// seeds use (ShopLocale.name).
var localeNames = map[string]string{
	"de": "German", "en": "English", "fr": "French", "it": "Italian", "nl": "Dutch",
	"es": "Spanish", "pl": "Polish", "pt-BR": "Portuguese (Brazil)",
}

// localesAccess is what shopLocales requires, in Shopify's words.
const localesAccess = "`read_locales` access scope or `read_markets_home` access scope."

// primaryLocale is the seeded shop's primary locale: ShopOptions.Locale,
// else German for a shop in Germany or Austria, English elsewhere.
func primaryLocale(o ShopOptions) string {
	if o.Locale != "" {
		return o.Locale
	}
	if !hasProvinces(o.Country) { // DE, AT
		return "de"
	}
	return "en"
}

// shopLocales resolves QueryRoot.shopLocales(published): the primary locale
// first, then the other enabled ones (ShopOptions.Locales, published). It
// needs read_locales or read_markets_home (a write scope implies its read
// scope); without either Shopify answers ACCESS_DENIED.
func (e *Emulator) shopLocales(sh *shop, scope string) lazy {
	return func(map[string]any) (any, error) {
		if !granted(scope, "read_locales") && !granted(scope, "read_markets_home") {
			return nil, codedError{code: "ACCESS_DENIED",
				msg: "Access denied for shopLocales field. Required access: " + localesAccess,
				ext: map[string]any{"documentation": "https://shopify.dev/api/usage/access-scopes", "requiredAccess": localesAccess}}
		}
		primary := primaryLocale(sh.opts)
		out := []any{e.shopLocale(primary, true)}
		for _, l := range sh.opts.Locales {
			if l != primary {
				out = append(out, e.shopLocale(l, false))
			}
		}
		return out, nil
	}
}

func (e *Emulator) shopLocale(locale string, primary bool) map[string]any {
	name := localeNames[locale]
	if name == "" {
		name = locale
	}
	return map[string]any{
		"__typename": "ShopLocale", "locale": locale, "name": name,
		"primary": primary, "published": true, "marketWebPresences": []any{},
	}
}

// granted reports whether the comma-separated scope grants want (a
// write_ scope grants its read_ scope).
func granted(scope, want string) bool {
	for _, s := range strings.Split(scope, ",") {
		s = strings.TrimSpace(s)
		if s == want || (strings.HasPrefix(want, "read_") && s == "write_"+strings.TrimPrefix(want, "read_")) {
			return true
		}
	}
	return false
}
