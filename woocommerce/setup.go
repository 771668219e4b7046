package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
)

// pingTimeout bounds the plugin's ping while the settings page waits.
const pingTimeout = 3 * time.Second

// Setup is the companion plugin's setup for a WooCommerce shop
// (connect.SetupFunc): install it, paste the webhook URL and the secret;
// working when the plugin answers its ping. Other shops have none.
func (a *App) Setup(ctx context.Context, sh *store.Shop) ([]connect.Setup, error) {
	if sh.Platform != Platform || len(sh.Credentials) == 0 {
		return nil, nil
	}
	var cr Credentials
	if err := a.store.OpenCredentials(sh, &cr); err != nil {
		return nil, err
	}
	s := connect.Setup{
		System: Platform,
		Title:  connect.Text{"Plugin „Lethe Privacy“ für WordPress", "The “Lethe Privacy” plugin for WordPress"},
		Steps: []connect.Text{
			{"Laden Sie das Plugin herunter und installieren Sie es in WordPress unter Plugins → Installieren → Plugin hochladen; aktivieren Sie es.",
				"Download the plugin and install it in WordPress under Plugins → Add New → Upload Plugin; activate it."},
			{"Öffnen Sie in WordPress Einstellungen → Lethe, fügen Sie die Webhook-Adresse und den geheimen Schlüssel von hier ein und speichern Sie.",
				"In WordPress, open Settings → Lethe, paste the webhook URL and the secret from here, and save."},
			{"Datenschutzanfragen, die eine Person über den Bestätigungslink von WordPress bestätigt, erreichen Lethe dann von selbst; sobald Lethe die Antwort oder die Löschbestätigung versandt hat, wird die Anfrage in WordPress als erledigt markiert.",
				"Privacy requests a person confirms with WordPress's confirmation link then reach Lethe by themselves; once Lethe has sent the answer or the erasure confirmation, the request is marked completed in WordPress."},
		},
		Links: []connect.SetupLink{{Label: connect.Text{"Plugin herunterladen (lethe-privacy.zip)", "Download the plugin (lethe-privacy.zip)"}, URL: a.cfg.PublicURL + pluginZipPath}},
		Values: []connect.SetupValue{
			{Label: connect.Text{"Webhook-Adresse", "Webhook URL"}, Value: a.WebhookURL(sh.ID)},
			{Label: connect.Text{"Geheimer Schlüssel", "Secret"}, Value: cr.PluginSecret, Secret: true},
		},
	}
	if cr.PluginSecret == "" {
		s.Problem = connect.Text{"Für diesen Shop gibt es noch keinen Schlüssel: Bitte verbinden Sie den Shop erneut.",
			"This store has no secret yet: please connect the store again."}
		return []connect.Setup{s}, nil
	}
	cl, err := New(Config{StoreURL: cr.StoreURL, ConsumerKey: cr.ConsumerKey, ConsumerSecret: cr.ConsumerSecret, PluginSecret: cr.PluginSecret,
		HTTPClient: a.cfg.HTTPClient, Now: a.cfg.Now, MaxAttempts: 1, AttemptTimeout: pingTimeout})
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	pi, err := cl.PluginPing(pctx)
	s.Working, s.Problem = err == nil, pingProblem(err)
	if err == nil {
		s.Status = fmt.Sprintf("Plugin %s · WordPress %s", pi.Plugin, pi.WordPress)
		if pi.WooCommerce != "" {
			s.Status += " · WooCommerce " + pi.WooCommerce
		}
	}
	return []connect.Setup{s}, nil
}

// pingProblem says why the plugin did not answer its ping (nil: it did).
func pingProblem(err error) connect.Text {
	var ae *APIError
	errors.As(err, &ae)
	switch {
	case err == nil:
		return connect.Text{}
	case errors.Is(err, ErrPluginMissing):
		return connect.Text{"Das Plugin antwortet nicht: Es ist im Shop nicht installiert oder nicht aktiviert.",
			"The plugin does not answer: it is not installed or not activated in the store."}
	case ae != nil && ae.Code == "lethe_bad_signature":
		return connect.Text{"Das Plugin lehnt Lethes Signatur ab: Bitte fügen Sie den geheimen Schlüssel in WordPress erneut ein.",
			"The plugin refuses Lethe's signature: please paste the secret into WordPress again."}
	case ae != nil && ae.Code == "lethe_not_configured":
		return connect.Text{"Das Plugin ist installiert, aber noch nicht eingerichtet: Bitte fügen Sie die Webhook-Adresse und den geheimen Schlüssel ein.",
			"The plugin is installed but not set up yet: please paste the webhook URL and the secret."}
	}
	return connect.Text{"Der Shop ist gerade nicht erreichbar: " + err.Error(), "The store cannot be reached now: " + err.Error()}
}
