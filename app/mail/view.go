package mail

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

// shopView is the controller's identity (Art. 13/14 style: name, address,
// e-mail), shown in every customer e-mail.
type shopView struct {
	Name    string
	Address []string // postal address lines
	Email   string
}

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
	Complaint string // Art. 77 sentence naming the authority
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
	// Mismatch lists the identifiers that belong to another person than
	// the request's e-mail address (identity_unverified), "" otherwise.
	Mismatch string
}

func shopIdentity(sh *store.Shop) shopView {
	return shopView{Name: shopName(sh), Address: addressLines(sh.Address), Email: strings.TrimSpace(sh.Email)}
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
	if lang == "de" {
		for i := range rs {
			rs[i].Article = strings.Replace(rs[i].Article, "GDPR", "DSGVO", 1)
		}
	}
	return rs
}
