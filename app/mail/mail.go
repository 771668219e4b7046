// Package mail writes Lethe's reply and notice e-mails — the access answer,
// the negative answer, the erasure confirmation, the merchant's notice of a
// new request and the Art. 19 recipients notice, in German and English —
// stores them as drafts with the request, and sends them through SMTP as an
// "email:send" pipeline step. Once an erasure confirmation is sent, the
// personal data of the request's e-mails are scrubbed.
//
// Templates are embedded and parsed when the package loads, so a missing or
// broken template stops the process at start. Bodies and recipients are
// personal data: they live sealed in the store and never reach a log; a
// subject names the shop and the request id only.
package mail

import (
	"slices"
	"strings"
)

// E-mail kinds.
const (
	KindAccessAnswer   = "access_answer"   // Art. 15: the data are processed; link to the report
	KindNegativeAnswer = "negative_answer" // Art. 15(1): no personal data processed
	KindMerchantNotice = "merchant_notice" // to the merchant: a new request arrived
	KindDigest         = "merchant_digest" // to the merchant: the daily reminder (due soon, overdue, extensions, setup)
	KindSetupNotice    = "setup_notice"    // to the merchant: requests wait for the shop's setup
	// KindReconnectNotice: to the merchant: requests wait until a system
	// that refused the shop's credentials is connected again.
	KindReconnectNotice = "reconnect_notice"

	KindErasureFull      = "erasure_full"       // Art. 17: everything erased
	KindErasurePartial   = "erasure_partial"    // Art. 17(3), 18(2): some records kept restricted or erasure deferred
	KindRecipientsNotice = "erasure_recipients" // to the merchant: the recipients to tell of the erasure (Art. 19)

	KindExtensionNotice = "extension_notice" // Art. 12(3): the deadline is extended by two months, with the reasons
	KindRefusal         = "refusal"          // Art. 12(4), 12(5): the request is refused, with the reasons and remedies

	KindPasswordReset = "password_reset" // to a panel user: a link to set a new password (standalone login)
)

// Languages the templates exist in; the first is the fallback.
var Languages = []string{"de", "en"}

// Kinds lists every e-mail kind.
var Kinds = []string{
	KindAccessAnswer, KindNegativeAnswer, KindMerchantNotice, KindDigest, KindSetupNotice, KindReconnectNotice,
	KindErasureFull, KindErasurePartial, KindRecipientsNotice,
	KindExtensionNotice, KindRefusal, KindPasswordReset,
}

// IsAnswer reports whether kind answers the customer (sending it answers
// the request).
func IsAnswer(kind string) bool { return kind == KindAccessAnswer || kind == KindNegativeAnswer }

// IsErasureConfirmation reports whether kind confirms an erasure to the
// customer (sending it scrubs the request's e-mails).
func IsErasureConfirmation(kind string) bool {
	return kind == KindErasureFull || kind == KindErasurePartial
}

// toCustomer reports whether kind is written to the customer on the shop's
// behalf (from the shop's name, replies to the shop).
func toCustomer(kind string) bool {
	return IsAnswer(kind) || IsErasureConfirmation(kind) || kind == KindExtensionNotice || kind == KindRefusal
}

// merchantKinds hold no personal data of the customer: an unsent one
// survives the scrub after an erasure and still goes out.
var merchantKinds = []string{KindMerchantNotice, KindRecipientsNotice, KindSetupNotice, KindReconnectNotice}

// Language picks the template language: the first of the given locales
// ("de", "de-AT", "en_GB") whose language Lethe writes, else German.
func Language(locales ...string) string {
	for _, l := range locales {
		if lang := WrittenLanguage(l); lang != "" {
			return lang
		}
	}
	return Languages[0]
}

// WrittenLanguage is the language of a locale ("de-AT", WordPress's
// "de_DE_formal" → "de") when Lethe writes it, else "".
func WrittenLanguage(locale string) string {
	lang, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(locale)), "_", "-"), "-")
	if slices.Contains(Languages, lang) {
		return lang
	}
	return ""
}
