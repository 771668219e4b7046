package woocommerce_test

import (
	"errors"
	"maps"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func wooShop() *store.Shop {
	return &store.Shop{
		Platform: woocommerce.Platform, Domain: "kaffee-lindner.example", Name: "Kaffeerösterei Lindner",
		Country: "DE", Timezone: "Europe/Berlin", Status: store.ShopActive, Settings: "{}",
		Address: `{"address_1":"Karl-Liebknecht-Straße 12","postcode":"04107","city":"Leipzig","country":"DE"}`,
	}
}

func seededConnector(t *testing.T) (connect.Connector, *wctest.Emulator, wctest.Sample, wctest.Key) {
	t.Helper()
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	cl, k := client(t, e)
	return woocommerce.NewConnector(cl, wooShop()), e, s, k
}

// recordIDs are the ids of the items of type rt.
func recordIDs(items []gdpr.Item, rt gdpr.RecordType) map[string]bool {
	out := map[string]bool{}
	for _, it := range items {
		if it.RecordType == rt {
			out[it.RecordID] = true
		}
	}
	return out
}

func TestConnectorDiscoverAnna(t *testing.T) {
	c, _, s, _ := seededConnector(t)
	var progress [][2]int
	pctx := connect.WithProgress(ctx, func(read, total int) { progress = append(progress, [2]int{read, total}) })
	res, err := c.Discover(pctx, connect.Subject{Email: "  Anna.Schmidt@example.de "})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found || res.Identity.Contact != s.AnnaEmail {
		t.Fatalf("found %v contact %q", res.Found, res.Identity.Contact)
	}
	if c.System() != "woocommerce" {
		t.Fatalf("system %q", c.System())
	}
	for _, it := range res.Items {
		if it.System != "woocommerce" {
			t.Fatalf("item of system %q", it.System)
		}
	}
	// The account.
	acc := recordIDs(res.Items, retention.CustomerAccount)
	if !acc[strconv.FormatInt(s.AnnaID, 10)] {
		t.Fatalf("no account item for customer %d: %v", s.AnnaID, acc)
	}
	// Registered and guest orders, decoys absent.
	conf := recordIDs(res.Items, retention.OrderConfirmation)
	all := append(append([]int64{}, s.AnnaOrders...), s.AnnaGuestOrders...)
	for _, o := range all {
		if !conf[strconv.FormatInt(o, 10)] {
			t.Errorf("order %d missing", o)
		}
	}
	if len(conf) != len(all) {
		t.Errorf("%d orders, want %d: %v", len(conf), len(all), conf)
	}
	for _, o := range s.DecoyOrders {
		for _, it := range res.Items {
			if it.RecordID == strconv.FormatInt(o, 10) || strings.HasPrefix(it.RecordID, strconv.FormatInt(o, 10)+"/") {
				t.Errorf("decoy order %d found (%s)", o, it.RecordType)
			}
		}
	}
	// Paid (completed) orders: invoice, payment, warranty, technical data.
	for _, rt := range []gdpr.RecordType{retention.Invoice, retention.PaymentRecord, retention.WarrantyData, retention.TechnicalData} {
		got := recordIDs(res.Items, rt)
		for _, o := range all {
			if !got[strconv.FormatInt(o, 10)] {
				t.Errorf("%s of order %d missing", rt, o)
			}
		}
	}
	// Technical data: IP address and user agent.
	var guestTech *gdpr.Item
	for i, it := range res.Items {
		if it.RecordType == retention.TechnicalData && it.RecordID == strconv.FormatInt(s.AnnaGuestOrders[0], 10) {
			guestTech = &res.Items[i]
		}
	}
	if guestTech == nil || guestTech.Fields["client_ip"] != "203.0.113.10" || !strings.Contains(guestTech.Fields["user_agent"].(string), "Mozilla/5.0") {
		t.Fatalf("guest order technical data: %+v", guestTech)
	}
	// Notes: the ones sent to her are letters, the private ones are order
	// notes of their own, one item each, named by their order's number.
	letters := recordIDs(res.Items, retention.BusinessLetter)
	if len(letters) != len(all) {
		t.Errorf("%d customer notes, want %d: %v", len(letters), len(all), letters)
	}
	wantNotes := map[string]bool{}
	for i, o := range append(append([]int64{}, s.AnnaGuestOrders...), s.AnnaOrders...) {
		oid := strconv.FormatInt(o, 10)
		wantNotes[oid+"/note/"+strconv.FormatInt(s.AnnaNotes[2*i], 10)] = true // the private note of each order
		if !letters[oid+"/note/"+strconv.FormatInt(s.AnnaNotes[2*i+1], 10)] {
			t.Errorf("order %s: the note sent to her is not a business letter: %v", oid, letters)
		}
	}
	if got := recordIDs(res.Items, retention.OrderNote); !maps.Equal(got, wantNotes) {
		t.Errorf("order notes %v, want %v", got, wantNotes)
	}
	for _, it := range res.Items {
		switch it.RecordType {
		case retention.BusinessLetter:
			if !strings.Contains(it.Fields[retention.FieldBody].(string), "Ihre Sendung ist unterwegs") || it.Fields[retention.FieldRecipient] != s.AnnaEmail {
				t.Errorf("letter %s: %v", it.RecordID, it.Fields)
			}
		case retention.OrderNote:
			order, _, _ := strings.Cut(it.RecordID, "/")
			if !strings.Contains(it.Fields["note"].(string), "Bestellstatus") || it.Fields["author"] != "WooCommerce" ||
				it.Fields[retention.FieldOrderNumber] != order || it.Fields["created_at"] == nil || it.Date.IsZero() || it.Open {
				t.Errorf("order note %s: %+v", it.RecordID, it)
			}
			if _, ok := it.Fields[retention.FieldRecipient]; ok {
				t.Errorf("an order note was sent to nobody: %v", it.Fields)
			}
		case retention.OrderConfirmation:
			if _, ok := it.Fields["private_notes"]; ok {
				t.Errorf("order %s still carries the private notes: %v", it.RecordID, it.Fields["private_notes"])
			}
		}
	}
	// Reviews: hers (the held one too), not Johanna's, as product reviews.
	reviews := recordIDs(res.Items, retention.ProductReview)
	for _, r := range s.AnnaReviews {
		if !reviews["review/"+strconv.FormatInt(r, 10)] {
			t.Errorf("review %d missing: %v", r, reviews)
		}
	}
	if len(reviews) != len(s.AnnaReviews) {
		t.Errorf("reviews %v, want %v", reviews, s.AnnaReviews)
	}
	for _, r := range s.DecoyReviews {
		if reviews["review/"+strconv.FormatInt(r, 10)] {
			t.Errorf("decoy review %d found", r)
		}
	}
	for _, it := range res.Items {
		if it.RecordType == retention.ProductReview && (it.Fields["reviewer_email"] != s.AnnaEmail || it.Fields["review"] == nil || it.Fields["kind"] != nil) {
			t.Errorf("review %s: %v", it.RecordID, it.Fields)
		}
		if it.RecordType == retention.CustomerAccount && it.RecordID != strconv.FormatInt(s.AnnaID, 10) {
			t.Errorf("a customer_account item that is not her account: %s %v", it.RecordID, it.Fields)
		}
	}
	// Disclosed: payment method and carrier on every order document.
	for _, it := range res.Items {
		if it.RecordID != strconv.FormatInt(s.AnnaGuestOrders[0], 10) {
			continue
		}
		want := []gdpr.Disclosure{{Kind: gdpr.DisclosedPayment, Name: "paypal"}, {Kind: gdpr.DisclosedCarrier, Name: "DHL Paket"}}
		if len(it.Disclosed) != 2 || it.Disclosed[0] != want[0] || it.Disclosed[1] != want[1] {
			t.Errorf("%s disclosed %v, want %v", it.RecordType, it.Disclosed, want)
		}
	}
	names := map[string]bool{}
	for _, r := range res.Recipients {
		names[r.Name] = true
	}
	for _, n := range []string{"PayPal (Europe) S.à r.l. et Cie, S.C.A.", "Stripe Payments Europe, Limited", "DHL Paket GmbH"} {
		if !names[n] {
			t.Errorf("recipient %q missing: %v", n, res.Recipients)
		}
	}
	// Progress per page of orders, ending at all of them.
	if len(progress) == 0 || progress[len(progress)-1] != [2]int{len(all), len(all)} {
		t.Errorf("progress %v", progress)
	}

	// The real rules core classifies every item.
	cctx, err := pipeline.ClassifyContext(wooShop(), res.Recipients, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := classify.Classify(res.Items, cctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(res.Items) {
		t.Fatalf("%d entries for %d items", len(entries), len(res.Items))
	}
	for _, e := range entries {
		want := map[gdpr.RecordType]string{retention.ProductReview: "contributions", retention.OrderNote: "order_notes", retention.BusinessLetter: "correspondence"}[e.Item.RecordType]
		if want != "" && e.Category != want {
			t.Errorf("%s %s: category %s, want %s", e.Item.RecordType, e.Item.RecordID, e.Category, want)
		}
	}
	// And plans her erasure: reviews and private notes go, the letters stay.
	entriesOf, err := plan.Plan(res.Items, gdpr.FromTime(time.Now(), time.UTC), retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entriesOf {
		want := map[gdpr.RecordType]retention.Action{retention.ProductReview: retention.ActionErase, retention.OrderNote: retention.ActionErase, retention.BusinessLetter: retention.ActionRetain}[e.RecordType]
		if want != "" && (e.Action != want || (want == retention.ActionErase && len(e.KeepFields) != 0)) {
			t.Errorf("%s %s: %s keeping %v, want %s", e.RecordType, e.RecordID, e.Action, e.KeepFields, want)
		}
	}
}

func TestConnectorUnknownPerson(t *testing.T) {
	c, _, _, _ := seededConnector(t)
	res, err := c.Discover(ctx, connect.Subject{Email: "niemand@example.de"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Found || len(res.Items) != 0 {
		t.Fatalf("found %v, %d items", res.Found, len(res.Items))
	}
	// A fuzzy-search prefix of Anna's address is nobody.
	res, err = c.Discover(ctx, connect.Subject{Email: "schmidt@example.de"})
	if err != nil || res.Found {
		t.Fatalf("found %v, err %v", res.Found, err)
	}
}

func TestConnectorRevokedKeyNeedsReauth(t *testing.T) {
	c, e, s, k := seededConnector(t)
	e.RevokeKey(k.ConsumerKey)
	_, err := c.Discover(ctx, connect.Subject{Email: s.AnnaEmail})
	if !errors.Is(err, connect.ErrReauth) || !errors.Is(err, woocommerce.ErrRevoked) || !fault.IsPermanent(err) {
		t.Fatalf("err %v", err)
	}
	if sys, ok := connect.FailedSystem(err); !ok || sys != "woocommerce" {
		t.Fatalf("system %q", sys)
	}
	if strings.Contains(err.Error(), s.AnnaEmail) || strings.Contains(err.Error(), "anna") {
		t.Fatalf("personal data in %q", err)
	}
}

func TestConnectorReadOnlyKeyIsEnoughToDiscover(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	cl, _ := client(t, e, func(cfg *woocommerce.Config) {
		k := e.CreateKey("read")
		cfg.ConsumerKey, cfg.ConsumerSecret = k.ConsumerKey, k.ConsumerSecret
	})
	res, err := woocommerce.NewConnector(cl, wooShop()).Discover(ctx, connect.Subject{Email: s.AnnaEmail})
	if err != nil || !res.Found {
		t.Fatalf("found %v err %v", res.Found, err)
	}
}

func TestConnectorFactory(t *testing.T) {
	f := woocommerce.ConnectorFactory(func(*store.Shop) (*woocommerce.Client, error) { return nil, errors.New("no keys") })
	if _, ok, err := f(ctx, &store.Shop{Platform: "shopify"}); ok || err != nil {
		t.Fatalf("shopify shop: ok %v err %v", ok, err)
	}
	sh := wooShop()
	sh.Status = store.ShopNeedsReauth
	if _, ok, err := f(ctx, sh); !ok || !errors.Is(err, connect.ErrReauth) {
		t.Fatalf("needs reauth: ok %v err %v", ok, err)
	}
	sh.Status = store.ShopActive
	if _, ok, err := f(ctx, sh); !ok || err == nil {
		t.Fatalf("no keys: ok %v err %v", ok, err)
	}
}

func TestConnectorWriteOnlyKeyNeedsReauth(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	cl, _ := client(t, e, func(cfg *woocommerce.Config) {
		k := e.CreateKey("write")
		cfg.ConsumerKey, cfg.ConsumerSecret = k.ConsumerKey, k.ConsumerSecret
	})
	_, err := woocommerce.NewConnector(cl, wooShop()).Discover(ctx, connect.Subject{Email: s.AnnaEmail})
	if !errors.Is(err, connect.ErrReauth) || !errors.Is(err, woocommerce.ErrPermission) {
		t.Fatalf("err %v", err)
	}
}
