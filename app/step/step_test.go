package step

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Keys and payloads are those of the steps stored before there was one
// payload type, so old rows still dedupe and decode.
func TestKeysAndStoredPayloads(t *testing.T) {
	tests := []struct {
		kind, stored, key string
		want              Payload
	}{
		{Discover, `{"request_id":5,"shop_id":2}`, "request:discover:5", Payload{RequestID: 5, ShopID: 2}},
		{Erase, `{"request_id":5,"shop_id":2,"found":true,"system":"shopify"}`, "request:erase:5:shopify", Payload{RequestID: 5, ShopID: 2, Found: true, System: "shopify"}},
		{Confirm, `{"request_id":5,"shop_id":2,"found":true}`, "request:confirm:5", Payload{RequestID: 5, ShopID: 2, Found: true}},
		{Send, `{"email_id":9,"shop_id":2}`, "email:send:9", Payload{EmailID: 9, ShopID: 2}},
		{RedactShop, `{"shop_id":2}`, "shop:redact:2", Payload{ShopID: 2}},
	}
	for _, tt := range tests {
		got, err := Read(&store.Step{Kind: tt.kind, Payload: tt.stored})
		if err != nil || got.RequestID != tt.want.RequestID || got.ShopID != tt.want.ShopID || got.EmailID != tt.want.EmailID ||
			got.System != tt.want.System || got.Found != tt.want.Found {
			t.Errorf("%s: read %+v (%v), want %+v", tt.kind, got, err, tt.want)
		}
		st := New(tt.kind, tt.want)
		if *st.DedupeKey != tt.key || st.Kind != tt.kind || *st.ShopID != 2 {
			t.Errorf("%s: key %q, want %q", tt.kind, *st.DedupeKey, tt.key)
		}
		if (st.RequestID != nil) != (tt.want.RequestID != 0) {
			t.Errorf("%s: request id %v", tt.kind, st.RequestID)
		}
		if again, _ := Read(st); again.ShopID != 2 || again.System != tt.want.System {
			t.Errorf("%s: round trip %+v", tt.kind, again)
		}
	}
	for _, bad := range []string{`{}`, `not json`, `{"request_id":5}`} {
		if _, err := Read(&store.Step{Kind: Discover, Payload: bad}); !fault.IsPermanent(err) {
			t.Errorf("%s: %v, want a permanent failure", bad, err)
		}
	}
}
