package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/plugin"
)

// TestWordPressPluginContract runs the companion plugin's golden exchanges
// (woocommerce/plugin/testdata, the same files the emulator and Lethe's
// client are held to) against the PHP plugin in real WordPress, seeded
// from the same seed: its webhook body and headers, and every route's
// answer that does not need WooCommerce — the user meta it shows and
// leaves out, the comments it finds and WordPress's eraser anonymizes
// (not spam, not a review), missing orders, the absent analytics row,
// complete, and each refusal in WordPress's order. WooCommerce is not
// installable here: the exchanges that need it run against the emulator
// only (woocommerce.TestPluginContractEmulator).
func TestWordPressPluginContract(t *testing.T) {
	needWordPress(t)
	wp := startWordPress(t)
	secret := woocommerce.NewPluginSecret()

	// The plugin delivers to a recorder standing in for Lethe.
	var mu sync.Mutex
	var hooks []*http.Request
	var bodies [][]byte
	rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		hooks, bodies = append(hooks, r), append(bodies, b)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status":"accepted","request":"1"}`))
	}))
	t.Cleanup(rec.Close)
	settings := func(secret string) {
		wp.php("", `update_option( 'lethe_privacy_settings', array( 'webhook_url' => '`+rec.URL+`/webhooks/woocommerce/1', 'secret' => '`+secret+`' ) ); echo 'ok';`)
	}
	settings(secret)

	// The seed, through WordPress's own functions (as the administrator,
	// so that titles are stored as written).
	write(t, filepath.Join(wp.dir, "contract-seed.json"), string(plugin.SeedJSON()))
	wp.php("", `
$seed = json_decode( file_get_contents( __DIR__ . '/contract-seed.json' ), true );
wp_set_current_user( 1 );
$u   = $seed['user'];
$uid = wp_insert_user( array( 'user_login' => $u['login'], 'user_email' => $u['email'], 'user_pass' => wp_generate_password(),
	'first_name' => $u['first_name'], 'last_name' => $u['last_name'] ) );
if ( is_wp_error( $uid ) ) { fwrite( STDERR, $uid->get_error_message() ); exit( 1 ); }
foreach ( array_merge( $u['meta'], $u['internal_meta'] ) as $k => $v ) {
	update_user_meta( $uid, $k, $v );
}
$p = wp_insert_post( array( 'post_title' => $seed['post']['title'], 'post_status' => 'publish' ) );
$status = array( 'approved' => 1, 'hold' => 0, 'spam' => 'spam' );
foreach ( $seed['comments'] as $c ) {
	wp_insert_comment( array( 'comment_post_ID' => $p, 'comment_author' => $c['author'], 'comment_author_email' => $c['email'],
		'comment_author_url' => $c['url'], 'comment_author_IP' => $c['ip'], 'comment_agent' => $c['agent'], 'comment_content' => $c['content'],
		'comment_date_gmt' => $c['date_gmt'], 'comment_date' => get_date_from_gmt( $c['date_gmt'] ), 'comment_approved' => $status[ $c['status'] ] ) );
}
$r = $seed['review'];
wp_insert_comment( array( 'comment_post_ID' => $p, 'comment_type' => 'review', 'comment_author' => $r['author'], 'comment_author_email' => $r['email'],
	'comment_content' => $r['content'], 'comment_date_gmt' => $r['date_gmt'], 'comment_date' => get_date_from_gmt( $r['date_gmt'] ), 'comment_approved' => 1 ) );
echo 'ok';`)

	// The seed's privacy request, confirmed by WordPress's link: the
	// plugin's delivery is the golden webhook.
	seed, err := plugin.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	var created struct {
		ID  int64  `json:"id"`
		Key string `json:"key"`
	}
	wp.phpJSON(`
$id = wp_create_user_request( '`+seed.PrivacyRequest.Email+`', '`+seed.PrivacyRequest.Action+`' );
if ( is_wp_error( $id ) ) { fwrite( STDERR, $id->get_error_message() ); exit( 1 ); }
echo wp_json_encode( array( 'id' => $id, 'key' => wp_generate_user_request_key( $id ) ) );`, &created)
	if code, page := wp.get("/wp-login.php?action=confirmaction&request_id=" + strconv.FormatInt(created.ID, 10) + "&confirm_key=" + created.Key); code != 200 || !strings.Contains(page, "Thanks for confirming") {
		t.Fatalf("confirmation: %d %s", code, page)
	}
	mu.Lock()
	if len(hooks) != 1 {
		t.Fatalf("%d deliveries, want 1", len(hooks))
	}
	vars := plugin.Vars{}
	plugin.CheckWebhook(t, hooks[0].Header, bodies[0], secret, time.Now(), vars)
	mu.Unlock()
	if fmt.Sprint(vars["request_id"]) != strconv.FormatInt(created.ID, 10) || vars["site_url"] != wp.url {
		t.Errorf("webhook request_id %v site_url %v, want %d %s", vars["request_id"], vars["site_url"], created.ID, wp.url)
	}

	plugin.Run(t, plugin.Target{
		URL: wp.url, Secret: secret,
		Unconfigure: func() { settings("") }, Reconfigure: func() { settings(secret) },
		Vars: plugin.Vars{"request_id": created.ID},
	})

	// What the eraser left: the spam comment and the review keep her
	// address; the others are WordPress's anonymized comments.
	var left []struct {
		Email, Author, IP, Type, Approved string
	}
	wp.phpJSON(`
$out = array();
foreach ( get_comments( array( 'status' => 'any', 'type' => '', 'orderby' => 'comment_ID', 'order' => 'ASC' ) ) as $c ) {
	$out[] = array( 'Email' => $c->comment_author_email, 'Author' => $c->comment_author, 'IP' => $c->comment_author_IP, 'Type' => $c->comment_type, 'Approved' => $c->comment_approved );
}
$spam = get_comments( array( 'status' => 'spam' ) );
foreach ( $spam as $c ) {
	$out[] = array( 'Email' => $c->comment_author_email, 'Author' => $c->comment_author, 'IP' => $c->comment_author_IP, 'Type' => $c->comment_type, 'Approved' => $c->comment_approved );
}
echo wp_json_encode( $out );`, &left)
	got := map[string]bool{}
	for _, c := range left {
		got[c.Author+"|"+c.Email+"|"+c.IP+"|"+c.Type+"|"+c.Approved] = true
	}
	for _, want := range []string{
		"Anonymous||203.0.113.0|comment|1", "Anonymous||2001:db8::|comment|0", // hers, anonymized (the network of the address kept)
		"Erika|erika.mustermann@example.de|198.51.100.4|comment|spam", // spam: neither found nor erased, as WordPress's eraser
		"Johanna|johanna.schmidt@example.de|198.51.100.9|comment|1",
		"Erika M.|erika.mustermann@example.de||review|1", // a product review: Lethe erases it over REST
	} {
		if !got[want] {
			t.Errorf("comment %s missing; comments %+v", want, left)
		}
	}
	// WooCommerce's analytics import rewrites a row from a kept order and
	// fires woocommerce_analytics_update_customer: a row the plugin
	// anonymized is anonymized again, another is left alone. The table is
	// WooCommerce's own schema (Automattic\WooCommerce\Internal\Admin\Install);
	// WooCommerce itself does not run here.
	var rows []map[string]any
	wp.phpJSON(`
global $wpdb;
$wpdb->query( "CREATE TABLE {$wpdb->prefix}wc_customer_lookup ( customer_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, user_id BIGINT UNSIGNED DEFAULT NULL,
	username varchar(60) DEFAULT '' NOT NULL, first_name varchar(255) NOT NULL, last_name varchar(255) NOT NULL, email varchar(100) NULL default NULL,
	date_last_active timestamp NULL default null, date_registered timestamp NULL default null, country char(2) DEFAULT '' NOT NULL,
	postcode varchar(20) DEFAULT '' NOT NULL, city varchar(100) DEFAULT '' NOT NULL, state varchar(100) DEFAULT '' NOT NULL,
	PRIMARY KEY (customer_id), UNIQUE KEY user_id (user_id), KEY email (email) ) " . $wpdb->get_charset_collate() );
$row = array( 'first_name' => 'Johanna', 'last_name' => 'Schmidt', 'email' => 'johanna.schmidt@example.de', 'country' => 'DE', 'postcode' => '10623', 'city' => 'Berlin', 'state' => 'BE' );
$wpdb->insert( $wpdb->prefix . 'wc_customer_lookup', $row );
$kept = $wpdb->insert_id;
$wpdb->insert( $wpdb->prefix . 'wc_customer_lookup', $row );
$other = $wpdb->insert_id;
update_option( Lethe_Privacy_Erase::ANONYMIZED, array( 3, $kept ), 'no' );
do_action( 'woocommerce_analytics_update_customer', $kept );
do_action( 'woocommerce_analytics_update_customer', $other );
echo wp_json_encode( $wpdb->get_results( "SELECT customer_id, user_id, username, first_name, last_name, email, country, postcode, city, state FROM {$wpdb->prefix}wc_customer_lookup ORDER BY customer_id", ARRAY_A ) );`, &rows)
	if len(rows) != 2 {
		t.Fatalf("analytics rows %v", rows)
	}
	want := map[string]any{"user_id": nil, "username": "[deleted]", "first_name": "[deleted]", "last_name": "[deleted]", "email": "deleted@site.invalid",
		"country": "", "postcode": "[deleted]", "city": "[deleted]", "state": "[deleted]"}
	for k, v := range want {
		if rows[0][k] != v {
			t.Errorf("the remembered row's %s is %v, want %v", k, rows[0][k], v)
		}
	}
	if rows[1]["email"] != "johanna.schmidt@example.de" || rows[1]["city"] != "Berlin" {
		t.Errorf("another row was anonymized: %v", rows[1])
	}

	if status := wp.php("", `echo get_post_status( `+strconv.FormatInt(created.ID, 10)+` );`); status != "request-completed" {
		t.Errorf("post_status %q", status)
	}
	if log := wp.debugLog(); strings.Contains(log, "lethe-privacy") {
		t.Errorf("WordPress logged for the plugin:\n%s", log)
	}
	_ = os.Remove(filepath.Join(wp.dir, "contract-seed.json"))
}
