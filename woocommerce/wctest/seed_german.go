package wctest

import (
	"fmt"
	"time"
)

// Sample names what SeedGerman created.
type Sample struct {
	// Anna Schmidt: a registered customer with orders, guest orders under
	// the same e-mail from before she registered, notes and reviews.
	AnnaEmail        string
	AnnaID           int64
	AnnaOrders       []int64 // registered (customer_id = AnnaID)
	AnnaGuestOrders  []int64 // customer_id 0, billing e-mail AnnaEmail
	AnnaNotes        []int64
	AnnaReviews      []int64
	AnnaAustriaOrder int64 // billed in Leipzig, shipped to Vienna (20 % AT tax)
	// Decoys the fuzzy search also finds: johanna.schmidt@example.de (a
	// guest) and an order shipped to a "Schmidt" with another e-mail.
	DecoyOrders  []int64
	DecoyReviews []int64
	// What only the companion plugin shows (plugin/PROTOCOL.md, find): her
	// comments on the shop's blog (not reviews), her analytics row and the
	// user meta plugins added; Johanna's comment and analytics row are
	// decoys.
	AnnaComments  []int64
	AnnaAnalytics int64
	DecoyComments []int64
	// Max Müller: another customer.
	MaxID     int64
	Coffee    int64 // product, standard rate
	Book      int64 // product, reduced rate
	Grinder   int64
	OrderDate time.Time
}

var annaBilling = Billing{
	FirstName: "Anna", LastName: "Schmidt", Address1: "Gohliser Straße 7", City: "Leipzig",
	Postcode: "04155", Country: "DE", Email: "anna.schmidt@example.de", Phone: "+49 341 5550123",
}

func shipTo(b Billing) Shipping {
	return Shipping{FirstName: b.FirstName, LastName: b.LastName, Company: b.Company, Address1: b.Address1,
		Address2: b.Address2, City: b.City, State: b.State, Postcode: b.Postcode, Country: b.Country}
}

// SeedGerman fills the store with German customers: a registered customer
// with registered and guest orders, notes and reviews, plus decoys.
func (e *Emulator) SeedGerman() Sample {
	now := e.now().UTC()
	s := Sample{AnnaEmail: annaBilling.Email, OrderDate: now.AddDate(0, -8, 0)}
	s.Coffee = e.AddProduct(Product{Name: "Espresso Bohnen 1 kg", Price: 2490, SKU: "ESP-1000"})
	s.Book = e.AddProduct(Product{Name: "Buch: Die Kunst des Röstens", Price: 2200, TaxClass: "reduced-rate", SKU: "BUCH-01"})
	s.Grinder = e.AddProduct(Product{Name: "Handmühle Comandante", Price: 21000, SKU: "MUEHLE-C40"})
	ship := func(net Money) []ShippingLine {
		return []ShippingLine{{MethodTitle: "DHL Paket", MethodID: "flat_rate", Total: net}}
	}
	line := func(p int64, qty int) LineItem {
		e.mu.Lock()
		pr := *e.products[p]
		e.mu.Unlock()
		return LineItem{Name: pr.Name, ProductID: p, Quantity: qty, TaxClass: pr.TaxClass, SKU: pr.SKU,
			Total: pr.Price * Money(qty)}
	}
	ua := "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"

	// Guest orders first (she registered later).
	for i, d := range []int{-26, -20} {
		id := e.AddOrder(Order{
			Billing: annaBilling, Shipping: shipTo(annaBilling), CustomerIPAddress: fmt.Sprintf("203.0.113.%d", 10+i),
			CustomerUserAgent: ua, PaymentMethod: "paypal", PaymentMethodTitle: "PayPal",
			TransactionID: fmt.Sprintf("8XK%06d", 4711+i), DateCreated: now.AddDate(0, d, 0),
			LineItems: []LineItem{line(s.Coffee, 2)}, ShippingLines: ship(490),
			CustomerNote: "Bitte beim Nachbarn abgeben, falls ich nicht da bin.",
		})
		s.AnnaGuestOrders = append(s.AnnaGuestOrders, id)
	}
	s.AnnaID = e.AddCustomer(Customer{
		Email: annaBilling.Email, FirstName: "Anna", LastName: "Schmidt", Username: "anna.schmidt",
		Billing: annaBilling, Shipping: shipTo(annaBilling), IsPayingCustomer: true,
		DateCreated: now.AddDate(-1, -6, 0),
		MetaData:    []Meta{{Key: "geburtstag", Value: "1988-04-12"}, {Key: "_newsletter_optin", Value: "yes"}},
	})
	for i, d := range []int{-14, -8, -1} {
		items := []LineItem{line(s.Coffee, 1)}
		if i == 1 {
			items = append(items, line(s.Book, 1))
		}
		id := e.AddOrder(Order{
			CustomerID: s.AnnaID, Billing: annaBilling, Shipping: shipTo(annaBilling),
			CustomerIPAddress: "2001:db8:85a3::8a2e:370:7334", CustomerUserAgent: ua,
			PaymentMethod: "stripe", PaymentMethodTitle: "Kreditkarte", TransactionID: fmt.Sprintf("ch_3P%08d", 9000+i),
			DateCreated: now.AddDate(0, d, 0), LineItems: items, ShippingLines: ship(490),
			MetaData: []Meta{{Key: "_wc_order_attribution_source_type", Value: "organic"}, {Key: "Lieferhinweis", Value: "Hinterhaus, 2. OG"}},
		})
		s.AnnaOrders = append(s.AnnaOrders, id)
	}
	vienna := Shipping{FirstName: "Anna", LastName: "Schmidt", Address1: "Mariahilfer Straße 88", City: "Wien", Postcode: "1070", Country: "AT", Phone: "+43 1 5550199"}
	s.AnnaAustriaOrder = e.AddOrder(Order{
		CustomerID: s.AnnaID, Billing: annaBilling, Shipping: vienna, CustomerIPAddress: "198.51.100.23", CustomerUserAgent: ua,
		PaymentMethod: "bacs", PaymentMethodTitle: "Überweisung", DateCreated: now.AddDate(0, -3, 0),
		LineItems: []LineItem{line(s.Grinder, 1)}, ShippingLines: ship(990), CustomerNote: "Geschenk für meine Schwester",
	})
	s.AnnaOrders = append(s.AnnaOrders, s.AnnaAustriaOrder)
	for _, o := range append(append([]int64{}, s.AnnaGuestOrders...), s.AnnaOrders...) {
		s.AnnaNotes = append(s.AnnaNotes,
			e.AddNote(Note{OrderID: o, Note: "Bestellstatus von In Bearbeitung auf Fertiggestellt geändert."}),
			e.AddNote(Note{OrderID: o, Note: "Hallo Frau Schmidt, Ihre Sendung ist unterwegs (DHL 00340434161094012345).", CustomerNote: true, Author: "Jana Lindner"}))
	}
	s.AnnaReviews = append(s.AnnaReviews,
		e.AddReview(Review{ProductID: s.Coffee, Reviewer: "Anna S.", ReviewerEmail: annaBilling.Email, Review: "Schokoladig, wenig Säure – mein Lieblingsespresso.", Rating: 5, Verified: true, DateCreated: now.AddDate(0, -7, 0)}),
		e.AddReview(Review{ProductID: s.Book, Reviewer: "Anna Schmidt", ReviewerEmail: annaBilling.Email, Review: "Gut erklärt, etwas knapp bei hellen Röstungen.", Rating: 4, Status: "hold", DateCreated: now.AddDate(0, -6, 0)}),
	)

	johanna := Billing{FirstName: "Johanna", LastName: "Schmidt", Address1: "Kantstraße 3", City: "Berlin", Postcode: "10623", Country: "DE", Email: "johanna.schmidt@example.de", Phone: "+49 30 5550456"}
	s.DecoyOrders = append(s.DecoyOrders, e.AddOrder(Order{
		Billing: johanna, Shipping: shipTo(johanna), CustomerIPAddress: "192.0.2.77", CustomerUserAgent: ua,
		PaymentMethod: "paypal", PaymentMethodTitle: "PayPal", DateCreated: now.AddDate(0, -5, 0),
		LineItems: []LineItem{line(s.Coffee, 3)}, ShippingLines: ship(490),
	}))
	gift := Billing{FirstName: "Peter", LastName: "Klein", Address1: "Hauptstraße 1", City: "Dresden", Postcode: "01067", Country: "DE", Email: "p.klein@example.org"}
	giftShip := shipTo(gift)
	giftShip.FirstName, giftShip.LastName, giftShip.Company = "Anna", "Schmidt", "c/o anna.schmidt@example.de.invalid"
	s.DecoyOrders = append(s.DecoyOrders, e.AddOrder(Order{
		Billing: gift, Shipping: giftShip, CustomerIPAddress: "192.0.2.78", CustomerUserAgent: ua,
		PaymentMethod: "bacs", PaymentMethodTitle: "Überweisung", DateCreated: now.AddDate(0, -4, 0),
		LineItems: []LineItem{line(s.Book, 2)}, ShippingLines: ship(490),
	}))
	s.DecoyReviews = append(s.DecoyReviews, e.AddReview(Review{ProductID: s.Coffee, Reviewer: "Johanna", ReviewerEmail: johanna.Email, Review: "Sehr lecker.", Rating: 5, DateCreated: now.AddDate(0, -2, 0)}))

	max := Billing{FirstName: "Max", LastName: "Müller", Address1: "Bahnhofstraße 21", City: "München", Postcode: "80335", Country: "DE", State: "", Email: "max.mueller@example.com", Phone: "+49 89 5550789"}
	s.MaxID = e.AddCustomer(Customer{Email: max.Email, FirstName: "Max", LastName: "Müller", Username: "maxm", Billing: max, Shipping: shipTo(max), DateCreated: now.AddDate(-2, 0, 0)})
	e.AddOrder(Order{CustomerID: s.MaxID, Billing: max, Shipping: shipTo(max), CustomerIPAddress: "192.0.2.99", CustomerUserAgent: ua,
		PaymentMethod: "paypal", PaymentMethodTitle: "PayPal", DateCreated: now.AddDate(0, -2, 0), LineItems: []LineItem{line(s.Grinder, 1)}, ShippingLines: ship(0)})

	// The companion plugin's view (seeded last, so the ids above stay).
	s.AnnaComments = append(s.AnnaComments,
		e.AddComment(Comment{PostID: 12, PostTitle: "Röstprofile im Vergleich", Author: "Anna S.", AuthorEmail: annaBilling.Email,
			AuthorURL: "https://anna-roestet.example", AuthorIP: "203.0.113.10", UserAgent: ua, UserID: s.AnnaID,
			Content: "Danke für den Vergleich! Gibt es die helle Röstung auch als Filterkaffee?", DateGMT: now.AddDate(0, -5, 0)}),
		e.AddComment(Comment{PostID: 15, PostTitle: "Kaffeeseminar im Frühjahr", Author: "Anna Schmidt", AuthorEmail: "Anna.Schmidt@example.de",
			AuthorIP: "2001:db8:85a3::8a2e:370:7334", UserAgent: ua, UserID: s.AnnaID,
			Content: "Ich wäre beim Seminar am Samstag gern dabei.", DateGMT: now.AddDate(0, -2, 0)}),
	)
	s.DecoyComments = append(s.DecoyComments, e.AddComment(Comment{PostID: 12, PostTitle: "Röstprofile im Vergleich", Author: "Johanna",
		AuthorEmail: johanna.Email, AuthorIP: "192.0.2.77", UserAgent: ua, Content: "Sehr informativ.", DateGMT: now.AddDate(0, -4, 0)}))
	s.AnnaAnalytics = e.AddAnalytics(AnalyticsCustomer{UserID: s.AnnaID, Username: "anna.schmidt", FirstName: "Anna", LastName: "Schmidt",
		Email: annaBilling.Email, Country: "DE", Postcode: "04155", City: "Leipzig", DateRegistered: now.AddDate(-1, -6, 0), DateLastActive: now.AddDate(0, -1, 0)})
	e.AddAnalytics(AnalyticsCustomer{FirstName: "Johanna", LastName: "Schmidt", Email: johanna.Email, Country: "DE", Postcode: "10623",
		City: "Berlin", DateLastActive: now.AddDate(0, -5, 0)})
	e.SetUserMeta(s.AnnaID, "description", "Kaffeeliebhaberin aus Leipzig, am liebsten Espresso.")
	e.SetUserMeta(s.AnnaID, "instagram", "https://instagram.com/anna.roestet")
	e.SetUserMeta(s.AnnaID, "locale", "de_DE")
	e.SetUserMeta(s.AnnaID, "session_tokens", `a:1:{s:64:"…";a:1:{s:10:"expiration";i:1764753600;}}`)
	e.SetUserMeta(s.AnnaID, "wp_capabilities", `a:1:{s:8:"customer";b:1;}`)
	e.SetUserMeta(s.AnnaID, "billing_title", "Frau")
	return s
}

// SeedOrders adds n orders for a registered customer (customerID > 0) or
// for a guest with the billing e-mail of b, each with notesPer notes, one
// day apart; it returns their ids, oldest first.
func (e *Emulator) SeedOrders(customerID int64, b Billing, n, notesPer int) []int64 {
	now := e.now().UTC()
	ids := make([]int64, 0, n)
	for i := 0; i < n; i++ {
		id := e.AddOrder(Order{
			CustomerID: customerID, Billing: b, Shipping: shipTo(b), CustomerIPAddress: "203.0.113.200",
			CustomerUserAgent: "Mozilla/5.0", PaymentMethod: "paypal", PaymentMethodTitle: "PayPal",
			DateCreated:   now.Add(-time.Duration(n-i) * 24 * time.Hour),
			LineItems:     []LineItem{{Name: "Filterkaffee 500 g", Quantity: 1 + i%3, Total: Money(1190 * (1 + i%3))}},
			ShippingLines: []ShippingLine{{MethodTitle: "DHL Paket", MethodID: "flat_rate", Total: 490}},
		})
		for j := 0; j < notesPer; j++ {
			e.AddNote(Note{OrderID: id, Note: fmt.Sprintf("Notiz %d zur Bestellung", j+1)})
		}
		ids = append(ids, id)
	}
	return ids
}

// AnnaBilling is the invoice address SeedGerman uses for Anna Schmidt.
func AnnaBilling() Billing { return annaBilling }
