package woocommerce

import (
	"bytes"
	"html/template"

	"github.com/labstack/echo/v4"
)

// connectPage is one of the connection's pages for the merchant, in German
// and English on the same page (the merchant has no language chosen yet).
type connectPage struct {
	TitleDE, TitleEN string
	TextDE, TextEN   string
}

var (
	pageDenied = connectPage{
		"Verbindung abgelehnt", "Connection denied",
		"Die Verbindung zwischen Ihrem WooCommerce-Shop und Lethe wurde im Shop abgelehnt. Lethe hat keinen Zugriff erhalten und nichts gespeichert. Wenn Sie die Verbindung doch herstellen möchten, starten Sie sie erneut und wählen Sie im Shop „Approve“ (Genehmigen).",
		"The connection between your WooCommerce store and Lethe was denied in the store. Lethe received no access and stored nothing. To connect after all, start the connection again and choose “Approve” in the store.",
	}
	pageBadURL = connectPage{
		"Keine gültige Shop-Adresse", "Not a valid store address",
		"Bitte geben Sie die Adresse Ihres WooCommerce-Shops vollständig an, zum Beispiel https://shop.example.de (nur https; http nur für localhost während der Entwicklung; ohne Anmeldedaten, Parameter oder Pfadangaben wie „..“).",
		"Please give your WooCommerce store's full address, for example https://shop.example.com (https only; http only for localhost during development; no credentials, query or path tricks such as “..”).",
	}
	pageOtherBrowser = connectPage{
		"Verbindung nicht in diesem Browser begonnen", "Connection not started in this browser",
		"Diese Rückkehr aus dem Shop gehört zu einer Verbindung, die nicht in diesem Browser begonnen wurde. Bitte starten Sie die Verbindung erneut in dem Browser, mit dem Sie Lethe nutzen.",
		"This return from the store belongs to a connection that was not started in this browser. Please start the connection again in the browser you use for Lethe.",
	}
	pageExpired = connectPage{
		"Verbindung abgelaufen", "Connection expired",
		"Diese Verbindung ist abgelaufen oder wurde bereits abgeschlossen. Bitte starten Sie sie erneut oder melden Sie sich an.",
		"This connection has expired or was completed already. Please start it again or log in.",
	}
	pageNoKey = connectPage{
		"Verbindung nicht abgeschlossen", "Connection not completed",
		"Der Shop hat die Verbindung genehmigt, Lethe hat aber keinen Schlüssel erhalten oder die Shop-Daten nicht lesen können. Bitte prüfen Sie, ob Ihr Shop Lethe erreichen kann, und starten Sie die Verbindung erneut.",
		"The store approved the connection, but Lethe did not receive a key or could not read the store's details. Please check that your store can reach Lethe and start the connection again.",
	}
)

var connectTemplate = template.Must(template.New("connect").Parse(`<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.TitleDE}} · {{.TitleEN}} – Lethe</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}h1{font-size:1.5rem}h2{font-size:1.25rem}a{color:#0b4f9c}a:focus{outline:3px solid #0b4f9c;outline-offset:2px}</style>
</head>
<body>
<main>
<h1>{{.TitleDE}}</h1>
<p>{{.TextDE}}</p>
<section lang="en">
<h2>{{.TitleEN}}</h2>
<p>{{.TextEN}}</p>
</section>
</main>
</body>
</html>
`))

// page renders p with status.
func (a *App) page(c echo.Context, status int, p connectPage) error {
	var b bytes.Buffer
	if err := connectTemplate.Execute(&b, p); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, b.Bytes())
}
