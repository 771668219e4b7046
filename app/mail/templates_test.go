package mail

import (
	"errors"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

func TestEveryTemplateRenders(t *testing.T) {
	views := map[string]any{
		KindAccessAnswer: answerView{Shop: shopView{Name: "S"}, RequestID: 1, Received: "r", Link: "https://l", Expires: "e",
			Rights: answer.DefaultRights("en"), Complaint: "c", Authority: authorityView{Name: "A"}},
		KindNegativeAnswer: answerView{Shop: shopView{Name: "S"}, RequestID: 1, Received: "r", Complaint: "c", Authority: authorityView{Name: "A"}},
		KindMerchantNotice: noticeView{Shop: shopView{Name: "S"}, RequestID: 1, Type: "t", Source: "s", Received: "r", Due: "d", ExtendedDue: "x", AdminURL: "https://a"},
		KindDigest: digestView{Shop: shopView{Name: "S"}, Day: "d", Horizon: 7, Overdue: []digestItem{{ID: 1, Type: "t", Due: "d", When: "w", URL: "https://a"}},
			Missing: []string{"m"}, SetupURL: "https://s"},
		KindErasureFull: erasureView{Shop: shopView{Name: "S"}, RequestID: 1, Received: "r", Complaint: "c", Authority: authorityView{Name: "A"}},
		KindErasurePartial: erasureView{Shop: shopView{Name: "S"}, RequestID: 1, Received: "r", Complaint: "c", Authority: authorityView{Name: "A"},
			Kept: []keptView{{Name: "K", Records: "1", Reference: "§1", Criterion: "c"}}, Deferred: []deferredView{{Name: "D", Records: "1", Reason: "r"}}},
		KindSetupNotice:      setupView{Shop: shopView{Name: "S"}, Missing: []string{"m"}, SetupURL: "https://s"},
		KindReconnectNotice:  reconnectView{Shop: shopView{Name: "S"}, System: "WooCommerce", How: "h", ReconnectURL: "https://r", PanelURL: "https://p"},
		KindRecipientsNotice: recipientsView{Shop: shopView{Name: "S"}, RequestID: 1, Recipients: []recipientView{{Name: "N", Category: "C", Country: "—"}}},
		KindExtensionNotice:  actionView{Shop: shopView{Name: "S"}, RequestID: 1, Received: "r", Request: "q", Due: "d", ExtendedDue: "x", Reason: "why"},
		KindRefusal: actionView{Shop: shopView{Name: "S"}, RequestID: 1, Received: "r", Request: "q", Ground: "g", Reason: "why",
			Complaint: "c", Authority: authorityView{Name: "A"}},
		KindPasswordReset: resetView{Shop: shopView{Name: "S"}, Link: "https://l", Expires: "e"},
	}
	for _, kind := range Kinds {
		for _, lang := range Languages {
			out, err := render(kind, lang, views[kind])
			if err != nil {
				t.Fatalf("%s.%s: %v", kind, lang, err)
			}
			if out.Subject == "" || strings.Contains(out.Subject, "\n") || out.Text == "" || !strings.HasPrefix(out.HTML, "<!DOCTYPE html>") {
				t.Fatalf("%s.%s rendered %+v", kind, lang, out)
			}
			for _, s := range []string{out.Subject, out.Text, out.HTML} {
				if strings.Contains(s, "<no value>") || strings.Contains(s, "\n\n\n") && s != out.HTML {
					t.Fatalf("%s.%s: %q", kind, lang, s)
				}
			}
		}
	}
	if _, err := parsePage("no_such_kind", "de"); err == nil {
		t.Fatal("a missing template parsed")
	}
}

func TestLanguage(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"de"}, "de"}, {[]string{"de-AT"}, "de"}, {[]string{"en-GB"}, "en"}, {[]string{"EN_us"}, "en"},
		{[]string{"fr", "en"}, "en"}, {[]string{"fr", "it"}, "de"}, {[]string{"", ""}, "de"}, {nil, "de"},
		{[]string{"", "en"}, "en"}, {[]string{"english"}, "de"},
	} {
		if got := Language(c.in...); got != c.want {
			t.Errorf("Language(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	at := time.Date(2026, 7, 31, 22, 30, 0, 0, time.UTC) // 1 August in Berlin
	for _, c := range []struct{ got, want string }{
		{dateIn("de", at, berlin), "1. August 2026"},
		{dateIn("en", at, berlin), "1 August 2026"},
		{dateTimeIn("de", at, berlin), "1. August 2026, 00:30 Uhr (CEST)"},
		{dateTimeIn("en", at, berlin), "1 August 2026, 00:30 (CEST)"},
		{day("de", store.DayOf(2026, 3, 2)), "2. März 2026"},
		{day("en", store.Day{}), ""},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

// The footer's address keeps the postcode and writes the country out
// (issue 12, point 3: it dropped the postcode of a "postcode" key and
// printed "DE").
func TestShopIdentityLines(t *testing.T) {
	for _, c := range []struct {
		raw, country, de, en string
	}{
		{`{"company":"Muster GmbH","address1":"Hauptstraße 5","address2":"Hinterhaus","zip":"10115","city":"Berlin","country":"DE"}`, "DE",
			"Hauptstraße 5|Hinterhaus|10115 Berlin|Deutschland", "Hauptstraße 5|Hinterhaus|10115 Berlin|Germany"},
		{`{"company":"Muster GmbH","street":"Ring 1","postcode":"1010","city":"Wien","country":"AT"}`, "AT", "Ring 1|1010 Wien|Österreich", "Ring 1|1010 Wien|Austria"},
		{`{"street":"Hauptstraße 5","postcode":"90402","city":"Nürnberg"}`, "DE", "Hauptstraße 5|90402 Nürnberg|Deutschland", "Hauptstraße 5|90402 Nürnberg|Germany"},
		{`{}`, "", "", ""}, {`not json`, "", "", ""},
	} {
		v := shopIdentity(&store.Shop{Address: c.raw, Country: c.country, Name: "Muster"})
		if got := strings.Join(v.Lines("de"), "|"); got != c.de {
			t.Errorf("%s: de %q, want %q", c.raw, got, c.de)
		}
		if got := strings.Join(v.Lines("en"), "|"); got != c.en {
			t.Errorf("%s: en %q, want %q", c.raw, got, c.en)
		}
	}
	if v := shopIdentity(&store.Shop{Address: `{"company":"Muster GmbH"}`, Name: "Muster"}); v.Controller.Name != "Muster GmbH" || v.Name != "Muster" {
		t.Errorf("the footer names the legal name, the sender the shop: %+v", v)
	}
}

func TestClassifyKeepsAddressesOut(t *testing.T) {
	err := classify("connect", &textproto.Error{Code: 550, Msg: "5.7.1 <jane@kunde.example> sender rejected"})
	var se *SendError
	if !errors.As(err, &se) || !se.Permanent() || se.Code != 550 || se.Enhanced != "5.7.1" {
		t.Fatalf("%#v", err)
	}
	if strings.Contains(err.Error(), "jane") || strings.Contains(Reason(err), "jane") || !strings.Contains(Reason(err), "sender rejected") {
		t.Fatalf("error %q, reason %q", err.Error(), Reason(err))
	}
	if IsPermanent(classify("connect", errors.New("dial tcp: i/o timeout"))) {
		t.Fatal("a timeout is permanent")
	}
	if IsPermanent(classify("connect", &textproto.Error{Code: 421, Msg: "4.3.2 shutting down"})) {
		t.Fatal("421 is permanent")
	}
}
