package wctest

import "time"

// ErasureSample names what SeedErasure created for Erika Lindemann. Years
// count back from the store's clock, so the German rules (invoices 8
// years, order confirmations and letters 6, from the end of the year)
// plan the same whenever a test runs.
type ErasureSample struct {
	Email      string
	CustomerID int64
	// Recent: completed last year at the 16 % rate of a table changed
	// since (recalculating it now changes its totals), shipped as a gift
	// to another address, with a customer note, a private note, a letter
	// to her, her delivery note as meta, order attribution meta. Kept.
	Recent int64
	// Lapsed: completed seven years ago, shipped to another address: its
	// order confirmation's six years ran out, its invoice's eight did not.
	// Kept for the invoice; the shipping address and the letter go.
	Lapsed int64
	// Old: eleven years ago: every period ran out. Deleted.
	Old int64
	// GuestRecent: a guest order two years ago, paid by PayPal Standard
	// (payer meta WooCommerce lists as personal). Kept.
	GuestRecent int64
	// GuestOld: a guest order twelve years ago. Deleted.
	GuestOld int64
	// Open: on hold (bank transfer not received), five days ago. Deferred.
	Open int64
	// Kept and deleted list the orders by what the plan does with them.
	Kept, Deleted []int64
	// Notes of the orders: private ones and letters (customer notes).
	PrivateNotes map[int64]int64 // order → note
	Letters      map[int64]int64 // order → note sent to her
	Reviews      []int64
	Comment      int64 // a blog comment (not a review)
	Analytics    int64 // her wc_customer_lookup row
	// Bystander: another customer's order and review, which stay.
	BystanderOrder  int64
	BystanderReview int64
}

// ErikaBilling is her invoice address (Leipzig).
func ErikaBilling() Billing {
	return Billing{FirstName: "Erika", LastName: "Lindemann", Address1: "Gohliser Straße 12", City: "Leipzig",
		Postcode: "04155", Country: "DE", Email: "erika.lindemann@example.de", Phone: "+49 341 5550188"}
}

// SeedErasure seeds Erika Lindemann: an account, registered and guest
// orders across the retention periods, notes, reviews, a comment and her
// analytics row, and a bystander who must not be touched.
func (e *Emulator) SeedErasure() ErasureSample {
	now := e.now().UTC()
	year := now.Year()
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 30, 0, 0, time.UTC) }
	b := ErikaBilling()
	s := ErasureSample{Email: b.Email, PrivateNotes: map[int64]int64{}, Letters: map[int64]int64{}}
	gift := Shipping{FirstName: "Paul", LastName: "Lindemann", Address1: "Königsbrücker Straße 40", City: "Dresden", Postcode: "01099", Country: "DE"}
	coffee := e.AddProduct(Product{Name: "Röstkaffee Hausmischung 500 g", Price: 1290, SKU: "HM-500"})
	book := e.AddProduct(Product{Name: "Buch: Kaffee aus aller Welt", Price: 1800, TaxClass: "reduced-rate", SKU: "BUCH-02"})
	lines := func() []LineItem {
		return []LineItem{{Name: "Röstkaffee Hausmischung 500 g", ProductID: coffee, Quantity: 2, Total: 2580, SKU: "HM-500"},
			{Name: "Buch: Kaffee aus aller Welt", ProductID: book, Quantity: 1, Total: 1800, TaxClass: "reduced-rate", SKU: "BUCH-02"}}
	}
	ship := []ShippingLine{{MethodTitle: "DHL Paket", MethodID: "flat_rate", Total: 490}}
	ua := "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
	s.CustomerID = e.AddCustomer(Customer{Email: b.Email, FirstName: b.FirstName, LastName: b.LastName, Username: "erika.l",
		Billing: b, Shipping: shipTo(b), DateCreated: at(year-12, time.February, 1),
		MetaData: []Meta{{Key: "geburtstag", Value: "1979-09-30"}}})

	// Last year, at a rate table that has changed since.
	e.mu.Lock()
	rates := e.rates
	e.rates = []TaxRate{{ID: 30, Country: "DE", Rate: 16, Name: "MwSt.", Priority: 1, Shipping: true},
		{ID: 31, Country: "DE", Rate: 5, Name: "MwSt. ermäßigt", Priority: 1, Class: "reduced-rate"}}
	e.mu.Unlock()
	s.Recent = e.AddOrder(Order{CustomerID: s.CustomerID, Billing: b, Shipping: gift, CustomerIPAddress: "203.0.113.41",
		CustomerUserAgent: ua, PaymentMethod: "stripe", PaymentMethodTitle: "Kreditkarte", TransactionID: "ch_3Q0001",
		DateCreated: at(year-1, time.August, 14), LineItems: lines(), ShippingLines: ship,
		CustomerNote: "Bitte als Geschenk verpacken, Paul hat Geburtstag.",
		MetaData:     []Meta{{Key: "Lieferhinweis", Value: "Bei Nachbarin Frau Kühn abgeben"}, {Key: "_wc_order_attribution_source_type", Value: "typein"}},
	})
	e.mu.Lock()
	e.rates = rates
	e.mu.Unlock()

	s.Lapsed = e.AddOrder(Order{CustomerID: s.CustomerID, Billing: b, Shipping: gift, CustomerIPAddress: "198.51.100.7",
		CustomerUserAgent: ua, PaymentMethod: "bacs", PaymentMethodTitle: "Überweisung",
		DateCreated: at(year-7, time.June, 3), LineItems: lines(), ShippingLines: ship})
	s.Old = e.AddOrder(Order{CustomerID: s.CustomerID, Billing: b, Shipping: shipTo(b), CustomerIPAddress: "192.0.2.15",
		CustomerUserAgent: ua, PaymentMethod: "bacs", PaymentMethodTitle: "Überweisung",
		DateCreated: at(year-11, time.April, 9), LineItems: lines(), ShippingLines: ship, CustomerNote: "Bitte klingeln."})
	s.GuestRecent = e.AddOrder(Order{Billing: b, Shipping: shipTo(b), CustomerIPAddress: "203.0.113.77", CustomerUserAgent: ua,
		PaymentMethod: "paypal", PaymentMethodTitle: "PayPal", TransactionID: "9XK00042",
		DateCreated: at(year-2, time.May, 20), LineItems: lines(), ShippingLines: ship,
		MetaData: []Meta{{Key: "Payer first name", Value: "Erika"}, {Key: "Payer last name", Value: "Lindemann"},
			{Key: "Payer PayPal address", Value: b.Email}}})
	s.GuestOld = e.AddOrder(Order{Billing: b, Shipping: shipTo(b), CustomerIPAddress: "192.0.2.16", CustomerUserAgent: ua,
		PaymentMethod: "paypal", PaymentMethodTitle: "PayPal", DateCreated: at(year-12, time.March, 2), LineItems: lines(), ShippingLines: ship})
	s.Open = e.AddOrder(Order{CustomerID: s.CustomerID, Status: "on-hold", Billing: b, Shipping: shipTo(b),
		CustomerIPAddress: "203.0.113.99", CustomerUserAgent: ua, PaymentMethod: "bacs", PaymentMethodTitle: "Überweisung",
		DateCreated: now.AddDate(0, 0, -5), LineItems: lines(), ShippingLines: ship})
	s.Kept = []int64{s.Recent, s.Lapsed, s.GuestRecent, s.Open}
	s.Deleted = []int64{s.Old, s.GuestOld}

	for _, o := range []int64{s.Recent, s.Lapsed, s.Old, s.GuestRecent, s.GuestOld} {
		e.mu.Lock()
		created := e.orders[o].DateCreated
		e.mu.Unlock()
		s.PrivateNotes[o] = e.AddNote(Note{OrderID: o, Note: "Zahlung geprüft, Kundin angerufen (+49 341 5550188).", DateCreated: created.Add(time.Hour)})
		s.Letters[o] = e.AddNote(Note{OrderID: o, Note: "Liebe Frau Lindemann, Ihre Sendung ist unterwegs.", CustomerNote: true,
			Author: "Jana Lindner", DateCreated: created.Add(24 * time.Hour)})
	}
	s.Reviews = append(s.Reviews,
		e.AddReview(Review{ProductID: coffee, Reviewer: "Erika L.", ReviewerEmail: b.Email, Review: "Kräftig und rund.", Rating: 5, Verified: true, DateCreated: at(year-1, time.September, 1)}),
		e.AddReview(Review{ProductID: book, Reviewer: "Erika Lindemann", ReviewerEmail: b.Email, Review: "Schöne Bilder.", Rating: 4, Status: "hold", DateCreated: at(year-1, time.October, 2)}))
	s.Comment = e.AddComment(Comment{PostID: 12, PostTitle: "Unsere neue Röstung", Author: "Erika", AuthorEmail: b.Email,
		AuthorIP: "203.0.113.41", UserAgent: ua, Content: "Freue mich drauf!", DateGMT: at(year-1, time.March, 3), UserID: s.CustomerID})
	s.Analytics = e.AddAnalytics(AnalyticsCustomer{UserID: s.CustomerID, Username: "erika.l", FirstName: "Erika", LastName: "Lindemann",
		Email: b.Email, Country: "DE", Postcode: "04155", City: "Leipzig", DateRegistered: at(year-12, time.February, 1), DateLastActive: now.AddDate(0, 0, -5)})

	other := Billing{FirstName: "Karl", LastName: "Berger", Address1: "Marktplatz 1", City: "Halle", Postcode: "06108", Country: "DE", Email: "k.berger@example.org"}
	s.BystanderOrder = e.AddOrder(Order{Billing: other, Shipping: shipTo(other), CustomerIPAddress: "192.0.2.200", CustomerUserAgent: ua,
		PaymentMethod: "bacs", PaymentMethodTitle: "Überweisung", DateCreated: at(year-11, time.July, 7), LineItems: lines(), ShippingLines: ship})
	s.BystanderReview = e.AddReview(Review{ProductID: coffee, Reviewer: "Karl", ReviewerEmail: other.Email, Review: "Gut.", Rating: 4, DateCreated: at(year-1, time.May, 5)})
	return s
}
