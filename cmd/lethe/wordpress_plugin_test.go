package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
)

// TestWordPressPlugin runs the companion plugin in real WordPress against
// the running binary (with a WooCommerce shop connected through the
// emulator, so Lethe knows the shop and its secret):
//   - a privacy request confirmed the real way (WordPress's confirmation
//     link) reaches Lethe signed, as a request of its type counted from the
//     day the person asked in WordPress;
//   - with Lethe down, the next one waits in the plugin's queue (the
//     settings page shows it) and is delivered by WordPress's cron once
//     Lethe is back;
//   - Lethe's signed calls to the plugin's routes: ping, find and erase
//     (the user's meta, a comment) and complete (post_status
//     request-completed), a wrong signature and a replayed body refused;
//   - WordPress's privacy tools list Lethe's exporter and eraser.
//
// WooCommerce itself is not installable here: the order and analytics
// parts of find and erase are checked by php -l and against the emulator.
func TestWordPressPlugin(t *testing.T) {
	needWordPress(t)
	ws := startWPStack(t)
	wp := startWordPress(t)
	ctx := context.Background()
	// The merchant pastes Lethe's webhook URL and the shop's secret (here
	// Lethe's own listener, without the TLS proxy in front of it).
	hook := "http://" + ws.proxy.host + "/webhooks/woocommerce/" + strconv.FormatInt(ws.shop.ID, 10)
	wp.php("", `update_option( 'lethe_privacy_settings', array( 'webhook_url' => '`+hook+`', 'secret' => '`+ws.secret+`' ) ); echo 'ok';`)

	// A person asks (two days ago) and confirms by WordPress's link.
	type created struct {
		ID   int64  `json:"id"`
		Key  string `json:"key"`
		Date string `json:"date"`
	}
	ask := func(action, email string) created {
		t.Helper()
		var c created
		wp.phpJSON(`
$id = wp_create_user_request( '`+email+`', '`+action+`' );
if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
$gmt = gmdate( 'Y-m-d H:i:s', time() - 2 * DAY_IN_SECONDS );
wp_update_post( array( 'ID' => $id, 'post_date_gmt' => $gmt, 'post_date' => get_date_from_gmt( $gmt ), 'edit_date' => true ) );
$key = wp_generate_user_request_key( $id );
echo wp_json_encode( array( 'id' => $id, 'key' => $key, 'date' => get_post( $id )->post_date_gmt ) );`, &c)
		return c
	}
	confirm := func(c created) {
		t.Helper()
		code, page := wp.get("/wp-login.php?action=confirmaction&request_id=" + strconv.FormatInt(c.ID, 10) + "&confirm_key=" + c.Key)
		if code != 200 || !strings.Contains(page, "Thanks for confirming") {
			t.Fatalf("confirmation: %d %s", code, page)
		}
	}
	askedAt := func(c created) time.Time {
		at, err := time.Parse("2006-01-02 15:04:05", c.Date)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	type queueEntry struct {
		RequestID int64  `json:"request_id"`
		Delivery  string `json:"delivery"`
		Attempts  int    `json:"attempts"`
		NextTry   int64  `json:"next_try"`
		LastError string `json:"last_error"`
	}
	queue := func() []queueEntry {
		var q []queueEntry
		wp.phpJSON(`echo wp_json_encode( Lethe_Privacy_Queue::all() );`, &q)
		return q
	}

	first := ask("export_personal_data", "erika.mustermann@example.de")
	confirm(first)
	r := ws.request(t, first.ID)
	if r == nil || r.Type != store.TypeAccess || !r.ReceivedAt.Equal(askedAt(first)) || r.Channel != woocommerce.ChannelWordPress ||
		r.Subject.Email != "erika.mustermann@example.de" || r.CloseSystem != woocommerce.Platform {
		t.Fatalf("Lethe's request %+v, want access received %s", r, askedAt(first))
	}
	if q := queue(); len(q) != 0 {
		t.Fatalf("queue after delivery: %+v", q)
	}
	if got := wp.php("", `echo get_post_meta( `+strconv.FormatInt(first.ID, 10)+`, '_lethe_privacy_request', true );`); got != strconv.FormatInt(r.ID, 10) {
		t.Fatalf("WordPress keeps Lethe's request id %q, want %d", got, r.ID)
	}

	// Lethe is down: the next request waits in the queue.
	ws.stop()
	second := ask("remove_personal_data", "max.muster@example.de")
	confirm(second)
	q := queue()
	if len(q) != 1 || q[0].RequestID != second.ID || q[0].Attempts != 1 || q[0].LastError == "" || len(q[0].Delivery) != 36 {
		t.Fatalf("queue with Lethe down: %+v", q)
	}
	if next := wp.php("", `echo (int) wp_next_scheduled( Lethe_Privacy_Queue::CRON_HOOK );`); next != strconv.FormatInt(q[0].NextTry, 10) {
		t.Fatalf("cron event at %s, next try %d", next, q[0].NextTry)
	}
	page := wp.php("", `require_once ABSPATH . 'wp-admin/includes/admin.php'; wp_set_current_user( 1 ); ob_start(); Lethe_Privacy_Admin::render(); echo ob_get_clean();`)
	for _, want := range []string{"1 confirmed request is waiting to be delivered.", "#" + strconv.FormatInt(second.ID, 10), "Erasure", "Next try", "Deliver now",
		`value="` + hook + `"`, "A secret is saved.", `name="_wpnonce"`} {
		if !strings.Contains(page, want) {
			t.Errorf("settings page lacks %q", want)
		}
	}
	if strings.Contains(page, ws.secret) {
		t.Error("the settings page shows the saved secret")
	}

	// Lethe is back; once the retry is due, WordPress's cron delivers it.
	_, ws.stop = started(t, "serve")
	time.Sleep(time.Until(time.Unix(q[0].NextTry, 0).Add(100 * time.Millisecond)))
	// As a visitor's page load would spawn it (DISABLE_WP_CRON keeps the
	// test's page loads from doing so at other times).
	if code, _ := wp.get("/wp-cron.php"); code != 200 {
		t.Fatalf("wp-cron.php: %d", code)
	}
	if q := queue(); len(q) != 0 {
		t.Fatalf("queue after the cron: %+v", q)
	}
	r2 := ws.request(t, second.ID)
	if r2 == nil || r2.Type != store.TypeErasure || !r2.ReceivedAt.Equal(askedAt(second)) {
		t.Fatalf("Lethe's second request %+v", r2)
	}

	// Lethe's calls to the plugin, signed with the shop's secret.
	client := func(secret string) *woocommerce.Client {
		c, err := woocommerce.New(woocommerce.Config{StoreURL: wp.url, ConsumerKey: "ck_unused", ConsumerSecret: "cs_unused", PluginSecret: secret, MaxAttempts: 1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	pi, err := client(ws.secret).PluginPing(ctx)
	if err != nil || pi.Plugin != "1.0.0" || !strings.HasPrefix(pi.WordPress, "6.") || pi.WooCommerce != "" || pi.HPOS {
		t.Fatalf("ping: %+v %v", pi, err)
	}
	var ae *woocommerce.APIError
	if _, err := client(woocommerce.NewPluginSecret()).PluginPing(ctx); !errors.As(err, &ae) || ae.Status != 401 || ae.Code != "lethe_bad_signature" {
		t.Fatalf("a wrong signature: %v", err)
	}
	signed := func(route string, body map[string]any, secret string) (int, map[string]any) {
		t.Helper()
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(http.MethodPost, wp.url+"/wp-json/lethe/v1/"+route, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(woocommerce.PluginSignatureHeader, woocommerce.SignPlugin(b, secret))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		out := map[string]any{}
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%s: %d %s", route, resp.StatusCode, raw)
		}
		return resp.StatusCode, out
	}
	if code, out := signed("ping", map[string]any{"timestamp": time.Now().Add(-10 * time.Minute).Unix()}, ws.secret); code != 401 || out["code"] != "lethe_bad_signature" {
		t.Fatalf("a replayed body: %d %v", code, out)
	}

	// find and erase: the person's WordPress user with a plugin's meta, and
	// a comment of hers.
	wp.php("", `
$u = wp_insert_user( array( 'user_login' => 'erika', 'user_email' => 'erika.mustermann@example.de', 'user_pass' => wp_generate_password(), 'first_name' => 'Erika' ) );
update_user_meta( $u, 'newsletter_double_opt_in', '2025-03-01 10:00:00' );
$p = wp_insert_post( array( 'post_title' => 'Unsere Röstung', 'post_status' => 'publish' ) );
wp_insert_comment( array( 'comment_post_ID' => $p, 'comment_author' => 'Erika M.', 'comment_author_email' => 'erika.mustermann@example.de',
	'comment_author_IP' => '203.0.113.77', 'comment_agent' => 'Firefox', 'comment_content' => 'Sehr lecker!', 'comment_approved' => 1 ) );
echo 'ok';`)
	now := func() int64 { return time.Now().Unix() }
	code, found := signed("find", map[string]any{"timestamp": now(), "email": "erika.mustermann@example.de"}, ws.secret)
	user, _ := found["user"].(map[string]any)
	meta, _ := user["meta"].(map[string]any)
	comments, _ := found["comments"].([]any)
	if code != 200 || meta["newsletter_double_opt_in"] != "2025-03-01 10:00:00" || meta["first_name"] != "Erika" || found["analytics"] != nil || len(comments) != 1 {
		t.Fatalf("find: %d %v", code, found)
	}
	for _, internal := range []string{"wp_capabilities", "wp_user_level", "session_tokens", "rich_editing", "dismissed_wp_pointers"} {
		if _, ok := meta[internal]; ok {
			t.Errorf("find shows the internal meta %s", internal)
		}
	}
	if c := comments[0].(map[string]any); c["author_ip"] != "203.0.113.77" || c["content"] != "Sehr lecker!" || c["post_title"] != "Unsere Röstung" {
		t.Fatalf("comment %v", c)
	}
	code, erased := signed("erase", map[string]any{"timestamp": now(), "email": "erika.mustermann@example.de",
		"orders": []any{map[string]any{"id": 41, "fields": []string{"ip_address", "billing_email"}}}, "analytics": true, "comments": true}, ws.secret)
	cm, _ := erased["comments"].(map[string]any)
	if code != 200 || cm["removed"] != float64(1) || cm["retained"] != float64(0) || erased["analytics"] != "absent" || len(erased["missing"].([]any)) != 1 {
		t.Fatalf("erase: %d %v", code, erased)
	}
	if code, again := signed("find", map[string]any{"timestamp": now(), "email": "erika.mustermann@example.de"}, ws.secret); code != 200 || len(again["comments"].([]any)) != 0 {
		t.Fatalf("find after erase: %d %v", code, again)
	}
	if code, out := signed("erase", map[string]any{"timestamp": now(), "orders": []any{map[string]any{"id": 41, "fields": []string{"billing_address"}}}}, ws.secret); code != 400 || out["code"] != "lethe_invalid" {
		t.Fatalf("erase of a field the plugin keeps: %d %v", code, out)
	}

	// complete: WordPress's request is completed; twice is fine; an id
	// that is no privacy request is unknown.
	if err := client(ws.secret).PluginComplete(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	if err := client(ws.secret).PluginComplete(ctx, first.ID); err != nil {
		t.Fatalf("second complete: %v", err)
	}
	if status := wp.php("", `echo get_post_status( `+strconv.FormatInt(first.ID, 10)+` );`); status != "request-completed" {
		t.Fatalf("post_status %q", status)
	}
	if err := client(ws.secret).PluginComplete(ctx, 987654); !errors.Is(err, woocommerce.ErrPluginUnknownRequest) {
		t.Fatalf("an unknown id: %v", err)
	}

	// WordPress's privacy tools list Lethe.
	var tools struct {
		Exporters []string       `json:"exporters"`
		Erasers   []string       `json:"erasers"`
		Export    map[string]any `json:"export"`
		Erase     map[string]any `json:"erase"`
	}
	wp.phpJSON(`
$ex = apply_filters( 'wp_privacy_personal_data_exporters', array() );
$er = apply_filters( 'wp_privacy_personal_data_erasers', array() );
echo wp_json_encode( array( 'exporters' => array_keys( $ex ), 'erasers' => array_keys( $er ),
	'export' => call_user_func( $ex['lethe-privacy']['callback'], 'erika.mustermann@example.de', 1 ),
	'erase' => call_user_func( $er['lethe-privacy']['callback'], 'erika.mustermann@example.de', 1 ) ) );`, &tools)
	ex, _ := json.Marshal(tools.Export)
	if !strings.Contains(strings.Join(tools.Exporters, ","), "lethe-privacy") || !strings.Contains(strings.Join(tools.Erasers, ","), "lethe-privacy") ||
		!strings.Contains(string(ex), `"group_id":"lethe"`) || !strings.Contains(string(ex), "marked completed on") || tools.Erase["items_retained"] != true || tools.Erase["items_removed"] != false {
		t.Fatalf("privacy tools: %+v", tools)
	}

	// The plugin speaks German where WordPress does.
	if got := wp.php("", `add_filter( 'locale', function () { return 'de_DE'; } ); unload_textdomain( 'lethe-privacy' );
load_plugin_textdomain( 'lethe-privacy', false, 'lethe-privacy/languages' ); echo __( 'Deliver now', 'lethe-privacy' );`); got != "Jetzt zustellen" {
		t.Errorf("German: %q", got)
	}

	if log := wp.debugLog(); strings.Contains(log, "lethe-privacy") {
		t.Fatalf("WordPress logged for the plugin:\n%s", log)
	}
}
