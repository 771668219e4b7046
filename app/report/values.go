package report

import (
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// valueLabels name the values shop systems store for states and kinds
// (order, payment and fulfilment states, marketing consent, units), by
// field, so the readable answer is wholly in its language. JSON and CSV
// keep the values as stored.
var valueLabels = map[string]map[string]label{
	"financial_status": {
		"PAID": {"bezahlt", "paid"}, "PENDING": {"nicht bezahlt", "not paid"}, "AUTHORIZED": {"Zahlung autorisiert", "payment authorised"},
		"PARTIALLY_PAID": {"teilweise bezahlt", "partly paid"}, "PARTIALLY_REFUNDED": {"teilweise erstattet", "partly refunded"},
		"REFUNDED": {"erstattet", "refunded"}, "VOIDED": {"storniert", "voided"}, "EXPIRED": {"abgelaufen", "expired"},
	},
	"fulfillment_status": {
		"FULFILLED": {"versandt", "shipped"}, "UNFULFILLED": {"nicht versandt", "not shipped"}, "PARTIALLY_FULFILLED": {"teilweise versandt", "partly shipped"},
		"IN_PROGRESS": {"in Bearbeitung", "in progress"}, "ON_HOLD": {"angehalten", "on hold"}, "SCHEDULED": {"geplant", "scheduled"},
		"RESTOCKED": {"zurückgelegt", "restocked"}, "OPEN": {"offen", "open"}, "PENDING_FULFILLMENT": {"Versand ausstehend", "awaiting shipment"},
	},
	"marketing_state": {
		"SUBSCRIBED": {"angemeldet", "subscribed"}, "UNSUBSCRIBED": {"abgemeldet", "unsubscribed"}, "PENDING": {"Bestätigung ausstehend", "confirmation pending"},
		"NOT_SUBSCRIBED": {"nicht angemeldet", "not subscribed"}, "REDACTED": {"entfernt", "redacted"}, "INVALID": {"ungültig", "invalid"},
	},
	"opt_in_level": {
		"CONFIRMED_OPT_IN": {"bestätigt (Double-Opt-in)", "confirmed (double opt-in)"}, "SINGLE_OPT_IN": {"einfache Anmeldung (Single-Opt-in)", "single opt-in"},
		"UNKNOWN": {"unbekannt", "unknown"},
	},
	"state": {
		"ENABLED": {"aktiv", "active"}, "DISABLED": {"deaktiviert", "disabled"}, "INVITED": {"eingeladen", "invited"}, "DECLINED": {"Einladung abgelehnt", "invitation declined"},
		"SUBSCRIBED": {"angemeldet", "subscribed"}, "UNSUBSCRIBED": {"abgemeldet", "unsubscribed"}, "PENDING": {"Bestätigung ausstehend", "confirmation pending"},
		"NOT_SUBSCRIBED": {"nicht angemeldet", "not subscribed"}, "REDACTED": {"entfernt", "redacted"}, "INVALID": {"ungültig", "invalid"},
	},
	"channel":             {"email": {"E-Mail", "e-mail"}, "sms": {"SMS", "SMS"}},
	"unit":                {"piece": {"Stück", "piece"}},
	"description":         {"Shipping": {"Versand", "Shipping"}},
	"payment_type":        {"payment": {"Zahlung", "payment"}, "payment, refund": {"Zahlung, Erstattung", "payment, refund"}, "payment, partial refund": {"Zahlung, Teilerstattung", "payment, partial refund"}, "authorization": {"Autorisierung", "authorisation"}, "partial payment": {"Teilzahlung", "partial payment"}, "refund": {"Erstattung", "refund"}, "chargeback": {"Rückbuchung", "chargeback"}},
	"open_reasons":        {"unpaid": {"nicht bezahlt", "not paid"}, "unfulfilled": {"nicht versandt", "not shipped"}, "open_return": {"Rücksendung offen", "return open"}},
	"delivery_date_basis": {"delivered": {"Zustellung gemeldet", "delivery reported"}, "shipped": {"Versandtag", "day of shipment"}},
	"request_type":        {"access": {"Auskunft", "access"}, "erasure": {"Löschung", "erasure"}},
	"request_status":      {"answered": {"beantwortet", "answered"}, "completed": {"abgeschlossen", "completed"}, "refused": {"abgelehnt", "refused"}, "withdrawn": {"zurückgezogen", "withdrawn"}, "closed": {"geschlossen", "closed"}},
	"collected_from":      {"SHOPIFY": {"Shop", "shop"}, "OTHER": {"anderer Weg", "other"}},
}

// valueLabel is a field's value as the readable answer shows it in lang:
// a known state in the language, a country in the language, a date or a
// time as the language writes it (ISO dates belong in JSON and CSV).
func valueLabel(field, v, lang string) string {
	if l, ok := valueLabels[field][v]; ok {
		return l.in(lang)
	}
	if l, ok := valueLabels[field][strings.ToUpper(v)]; ok {
		return l.in(lang)
	}
	if field == "country" {
		if code, ok := gdpr.CountryCode(v); ok {
			return gdpr.CountryName(code, lang)
		}
	}
	return when(v, lang)
}

// when writes an ISO date or RFC 3339 time the way lang writes it:
// "01.03.2021", "01.03.2021, 10:11 Uhr (+01:00)"; anything else as given.
func when(v, lang string) string {
	if len(v) < 10 || v[4] != '-' || v[7] != '-' {
		return v
	}
	if len(v) == 10 {
		if d, err := gdpr.ParseDate(v); err == nil {
			return d.Short(lang)
		}
		return v
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return v
	}
	d := gdpr.FromTime(t, nil)
	zone := t.Format("-07:00")
	if zone == "+00:00" {
		zone = "UTC"
	}
	if lang == "de" {
		return d.Short(lang) + ", " + t.Format("15:04") + " Uhr (" + zone + ")"
	}
	return d.Short(lang) + ", " + t.Format("15:04") + " (" + zone + ")"
}
