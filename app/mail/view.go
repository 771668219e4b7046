package mail

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// shopView is the shop as e-mails name it: its name (the sender, the
// greeting) and the controller's identity shown in every customer
// e-mail's footer (Art. 13(1)(a) GDPR: the legal name, the full postal
// address with the country written out, e-mail, website, the DPO).
type shopView struct {
	Name       string
	Email      string
	Controller answer.Controller
}

// Lines is the controller's postal address in lang, one line each.
func (s shopView) Lines(lang string) []string { return s.Controller.Lines(lang) }

// authorityView is the competent supervisory authority.
type authorityView struct {
	Name, Seat, Address, Website string
}

// answerView feeds access_answer and negative_answer.
type answerView struct {
	Lang      string
	Name      string // the customer's name for the greeting, when known
	Shop      shopView
	RequestID int64
	Received  string // date of receipt
	Link      string // access answer only
	Expires   string // access answer only: how long the link works from sending ("7 Tage")
	Rights    []answer.RightInfo
	Objection answer.Objection // Art. 21(4): stated apart from the other rights
	Complaint string           // Art. 77 sentence naming the authority
	Authority authorityView
}

// noticeView feeds merchant_notice. It holds no data about the person.
type noticeView struct {
	Lang        string
	Shop        shopView
	RequestID   int64
	Type        string
	Source      string
	Received    string
	Due         string
	ExtendedDue string
	PlatformDue string
	Unknown     bool // the day the person asked is not known (a platform's delayed webhook): Received is the webhook's arrival
	AdminURL    string
	AutoSend    bool
	// OverdueDays: the due date passed this many days ago (0: it has not);
	// the notice then urges the answer and offers no extension.
	OverdueDays int
	// Held: the request is held in identity_unverified; the notice says
	// so (subject, lead), why (Mismatch) and what the merchant can do.
	Held bool
	// Mismatch lists the identifiers that belong to another person than
	// the request's e-mail address (identity_unverified), by name only; ""
	// otherwise.
	Mismatch string
	// Overdue are the record types of the person whose retention period
	// has ended (Art. 5(1)(e) GDPR): counts only, nothing about the person.
	Overdue []overdueLine
}

// overdueLine is one record type overdue for deletion.
type overdueLine struct {
	Type  string // the type in the notice's language
	Count int
	Since string // the earliest day one became due
}

func shopIdentity(sh *store.Shop) shopView {
	return shopView{Name: shopName(sh), Email: strings.TrimSpace(sh.Email), Controller: requests.Controller(sh)}
}

// shopName is the shop's name, or its domain when it has none.
func shopName(sh *store.Shop) string {
	if n := strings.TrimSpace(sh.Name); n != "" {
		return n
	}
	return sh.Domain
}

// rights are the Art. 15(1)(e) rights with the article cited in lang.
func rights(lang string) []answer.RightInfo {
	rs := answer.DefaultRights(lang)
	for i := range rs {
		rs[i].Article = gdpr.Cite(lang, rs[i].Article)
	}
	return rs
}
