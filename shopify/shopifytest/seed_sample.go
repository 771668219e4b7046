package shopifytest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// SampleOptions size the data SeedSample creates.
type SampleOptions struct {
	Customers         int
	OrdersPerCustomer int
	GuestOrders       int       // orders without a customer, by e-mail only
	End               time.Time // newest order; default: the emulator's now
	Years             int       // orders spread over this many years; default 4
	Seed              uint64    // deterministic data per seed
}

// Sample is what SeedSample created.
type Sample struct {
	Customers   []int64
	Orders      map[int64][]int64 // by customer id
	GuestOrders []int64
	GuestEmails []string
}

var (
	sampleFirst = []string{"Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie", "Lukas", "Emma", "Noah",
		"Hannah", "Maximilian", "Mia", "Leon", "Clara", "Elias", "Johanna", "Moritz", "Greta", "Tobias",
		"Katharina", "Stefan", "Sabine", "Jürgen", "Ursula", "Matthias", "Petra", "Andreas", "Ingrid", "Özlem"}
	sampleLast = []string{"Schmidt", "Müller", "Weber", "Fischer", "Becker", "Wagner", "Hoffmann", "Koch", "Richter", "Klein",
		"Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
		"Werner", "Krause", "Meier", "Lehmann", "Schulz", "Köhler", "Yılmaz", "Nowak", "Vogel", "Friedrich"}
	// sampleCities are real German places: a postcode of the city centre,
	// streets in it, the federal state (Bundesland) the postcode lies in.
	sampleCities = []struct {
		city, zip, prov, provCode string
		streets                   []string
	}{
		{"Berlin", "10115", "Berlin", "BE", []string{"Chausseestraße", "Invalidenstraße", "Bergstraße"}},
		{"München", "80331", "Bayern", "BY", []string{"Sendlinger Straße", "Rosenstraße", "Kaufingerstraße"}},
		{"Hamburg", "20095", "Hamburg", "HH", []string{"Mönckebergstraße", "Spitalerstraße", "Steinstraße"}},
		{"Köln", "50667", "Nordrhein-Westfalen", "NW", []string{"Hohe Straße", "Schildergasse", "Breite Straße"}},
		{"Frankfurt am Main", "60311", "Hessen", "HE", []string{"Berliner Straße", "Töngesgasse", "Fahrgasse"}},
		{"Stuttgart", "70173", "Baden-Württemberg", "BW", []string{"Königstraße", "Schulstraße", "Calwer Straße"}},
		{"Leipzig", "04109", "Sachsen", "SN", []string{"Grimmaische Straße", "Petersstraße", "Hainstraße"}},
		{"Hannover", "30159", "Niedersachsen", "NI", []string{"Georgstraße", "Karmarschstraße", "Bahnhofstraße"}},
		{"Bremen", "28195", "Bremen", "HB", []string{"Obernstraße", "Sögestraße", "Langenstraße"}},
		{"Nürnberg", "90402", "Bayern", "BY", []string{"Karolinenstraße", "Breite Gasse", "Königstraße"}},
		{"Düsseldorf", "40213", "Nordrhein-Westfalen", "NW", []string{"Bolkerstraße", "Flinger Straße", "Mühlenstraße"}},
		{"Mainz", "55116", "Rheinland-Pfalz", "RP", []string{"Ludwigsstraße", "Große Bleiche", "Schillerstraße"}},
		{"Saarbrücken", "66111", "Saarland", "SL", []string{"Bahnhofstraße", "Dudweilerstraße", "Kaiserstraße"}},
		{"Kiel", "24103", "Schleswig-Holstein", "SH", []string{"Holstenstraße", "Dänische Straße", "Kehdenstraße"}},
		{"Rostock", "18055", "Mecklenburg-Vorpommern", "MV", []string{"Kröpeliner Straße", "Lange Straße", "Breite Straße"}},
		{"Erfurt", "99084", "Thüringen", "TH", []string{"Anger", "Marktstraße", "Schlösserstraße"}},
		{"Magdeburg", "39104", "Sachsen-Anhalt", "ST", []string{"Breiter Weg", "Ernst-Reuter-Allee", "Leiterstraße"}},
		{"Potsdam", "14467", "Brandenburg", "BB", []string{"Brandenburger Straße", "Dortustraße", "Lindenstraße"}},
		{"Freiburg im Breisgau", "79098", "Baden-Württemberg", "BW", []string{"Kaiser-Joseph-Straße", "Bertoldstraße", "Salzstraße"}},
		{"Dresden", "01067", "Sachsen", "SN", []string{"Wilsdruffer Straße", "Schloßstraße", "Ostra-Allee"}},
	}
	sampleCompanies = []string{"Beispiel GmbH", "Muster & Söhne KG", "Nordwerk AG", "Praxis Dr. Lange", "Steuerbüro Krause"}
	sampleProducts  = []struct{ title, sku, price string }{
		{"Leinen-Hemd", "SH-LIN-01", "59.90"}, {"Wollsocken (3er)", "SO-WOL-03", "19.50"},
		{"Kaffeebecher Steingut", "KB-STE-02", "14.00"}, {"Notizbuch A5", "NB-A5-01", "9.90"},
		{"Regenjacke", "RJ-BLU-04", "129.00"}, {"Kräutertee Bio (100 g)", "TE-KRA-01", "7.50"},
		{"Bienenwachskerze", "KE-BIE-02", "12.90"}, {"Strickmütze Merino", "MU-MER-01", "34.00"},
		{"Leinentasche", "TA-LEI-01", "24.90"}, {"Olivenholz-Brett", "BR-OLI-01", "39.00"},
	}
	sampleNotes = []string{"Bevorzugt Lieferung an die Arbeitsadresse.", "Bitte beim Nachbarn abgeben.",
		"Kundin seit dem Wochenmarkt 2021.", "", ""}
	sampleGifts = []string{"Alles Gute!", "Herzlichen Glückwunsch zum Geburtstag!", "Frohe Weihnachten!", "", "", ""}
)

// SeedSample seeds realistic customers (addresses, consents, metafields,
// notes) with orders spread over years (line items, 19 % VAT tax lines,
// shipping, fulfillments with tracking, some returns and cancellations) and
// guest orders that have only an e-mail address.
func SeedSample(e *Emulator, domain string, o SampleOptions) Sample {
	if o.End.IsZero() {
		o.End = e.now().UTC()
	}
	if o.Years <= 0 {
		o.Years = 4
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x1e7e))
	span := time.Duration(o.Years) * 365 * 24 * time.Hour
	out := Sample{Orders: map[int64][]int64{}}
	for i := 0; i < o.Customers; i++ {
		c := sampleCustomer(rng, i, o.End.Add(-span))
		id := e.AddCustomer(domain, c)
		out.Customers = append(out.Customers, id)
		for j := 0; j < o.OrdersPerCustomer; j++ {
			at := c.CreatedAt.Add(time.Duration(j+1) * o.End.Sub(c.CreatedAt) / time.Duration(o.OrdersPerCustomer+1))
			ord := sampleOrder(rng, at, c.Email, c.Phone, &c.Addresses[0])
			ord.CustomerID = id
			out.Orders[id] = append(out.Orders[id], e.AddOrder(domain, ord))
		}
	}
	for i := 0; i < o.GuestOrders; i++ {
		first, last := sampleFirst[(i*7+3)%len(sampleFirst)], sampleLast[(i*11+5)%len(sampleLast)]
		email := sampleEmail(first, last, i+1, "example.org")
		addr := sampleAddress(rng, first, last)
		at := o.End.Add(-time.Duration(rng.Int64N(int64(span))))
		ord := sampleOrder(rng, at, email, "", &addr)
		out.GuestOrders = append(out.GuestOrders, e.AddOrder(domain, ord))
		out.GuestEmails = append(out.GuestEmails, email)
	}
	return out
}

func sampleAddress(rng *rand.Rand, first, last string) Address {
	c := sampleCities[rng.IntN(len(sampleCities))]
	return Address{
		FirstName: first, LastName: last,
		Address1: fmt.Sprintf("%s %d", c.streets[rng.IntN(len(c.streets))], 1+rng.IntN(80)),
		City:     c.city, Zip: c.zip, Province: c.prov, ProvinceCode: c.provCode,
		Country: "Germany", CountryCode: "DE",
		Phone: fmt.Sprintf("+49%s%07d", []string{"151", "160", "170", "176"}[rng.IntN(4)], rng.IntN(10_000_000)),
	}
}

// sampleEmail is a person's address at a reserved example domain, numbered
// so that namesakes differ: anna.schmidt1@example.com.
func sampleEmail(first, last string, n int, domain string) string {
	return fmt.Sprintf("%s.%s%d@%s", strings.ToLower(asciiFold(first)), strings.ToLower(asciiFold(last)), n, domain)
}

func sampleCustomer(rng *rand.Rand, i int, earliest time.Time) Customer {
	first := sampleFirst[i%len(sampleFirst)]
	last := sampleLast[(i/len(sampleFirst)+i*7)%len(sampleLast)]
	created := earliest.Add(time.Duration(rng.Int64N(int64(90 * 24 * time.Hour))))
	home := sampleAddress(rng, first, last)
	work := sampleAddress(rng, first, last)
	work.Company = sampleCompanies[rng.IntN(len(sampleCompanies))]
	email := sampleEmail(first, last, i+1, "example.com")
	consent, tags := Consent{State: "NOT_SUBSCRIBED"}, []string{"stammkunde"}
	if rng.IntN(2) == 0 {
		consent = Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: created.Add(time.Hour)}
		tags = append(tags, "newsletter")
	}
	return Customer{
		FirstName: first, LastName: last, Email: email, Phone: home.Phone,
		Locale: "de", State: "ENABLED", VerifiedEmail: true,
		Note: sampleNotes[rng.IntN(len(sampleNotes))], Tags: tags,
		CreatedAt: created, UpdatedAt: created.Add(48 * time.Hour),
		Addresses:      []Address{home, work},
		EmailMarketing: consent,
		SMSMarketing:   Consent{State: "NOT_SUBSCRIBED"},
		Metafields: []Metafield{
			{Namespace: "custom", Key: "birthday", Type: "date", Value: fmt.Sprintf("19%02d-%02d-%02d", 60+rng.IntN(40), 1+rng.IntN(12), 1+rng.IntN(28))},
			{Namespace: "loyalty", Key: "tier", Value: []string{"bronze", "silver", "gold"}[rng.IntN(3)]},
		},
	}
}

func sampleOrder(rng *rand.Rand, at time.Time, email, phone string, addr *Address) Order {
	n := 1 + rng.IntN(3)
	var items []LineItem
	for k := 0; k < n; k++ {
		p := sampleProducts[rng.IntN(len(sampleProducts))]
		qty := 1 + rng.IntN(2)
		net := cents(p.price) * int64(qty)
		items = append(items, LineItem{
			Title: p.title, SKU: p.sku, Quantity: qty, UnitPrice: p.price,
			TaxLines: []TaxLine{{Title: "MwSt.", Rate: 0.19, Price: decimal(net * 19 / 100)}},
		})
	}
	billing := *addr
	o := Order{
		Email: email, Phone: phone, ClientIP: fmt.Sprintf("203.0.113.%d", 1+rng.IntN(250)),
		CustomerLocale: "de", CreatedAt: at, ProcessedAt: at, UpdatedAt: at.Add(72 * time.Hour),
		BillingAddress: &billing, ShippingAddress: &billing,
		CustomAttributes: giftMessage(sampleGifts[rng.IntN(len(sampleGifts))]),
		PaymentGateways:  []string{[]string{"shopify_payments", "paypal"}[rng.IntN(2)]},
		LineItems:        items, ShippingPrice: "4.90",
		Fulfillments: []Fulfillment{{TrackingCompany: "DHL", TrackingNumber: fmt.Sprintf("00340434%010d", rng.IntN(1_000_000_000))}},
		ClosedAt:     at.Add(14 * 24 * time.Hour),
	}
	switch r := rng.IntN(10); {
	case r == 0:
		o.CancelledAt = at.Add(2 * time.Hour)
		o.FinancialStatus, o.FulfillmentStatus, o.Fulfillments = "REFUNDED", "UNFULFILLED", nil
	case r == 1:
		o.Returns = []Return{{Status: "CLOSED"}}
		o.FinancialStatus = "PARTIALLY_REFUNDED"
	}
	return o
}

// giftMessage is an order's gift note, when the customer wrote one.
func giftMessage(msg string) []Attribute {
	if msg == "" {
		return nil
	}
	return []Attribute{{Key: "gift_message", Value: msg}}
}

func asciiFold(s string) string {
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ö", "Oe", "ı", "i").Replace(s)
}
