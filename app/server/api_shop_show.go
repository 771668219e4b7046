package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// shopJSON is the shop as GET /api/shop shows it: its profile, its
// settings, whether it is ready to answer, and its connected systems.
type shopJSON struct {
	Profile    profileJSON               `json:"profile"`
	Authority  authorityJSON             `json:"authority"`
	Readiness  requests.Ready            `json:"readiness"`
	Settings   settingsJSON              `json:"settings"`
	Systems    []systemJSON              `json:"systems"`
	Retention  []store.RetentionOverride `json:"retention_overrides"`
	Recipients []store.Recipient         `json:"recipients"`
}

type profileJSON struct {
	Domain      string     `json:"domain"`
	Name        string     `json:"name"`
	LegalName   string     `json:"legal_name"`
	Street      string     `json:"street"`
	Street2     string     `json:"street2"`
	Postcode    string     `json:"postcode"`
	City        string     `json:"city"`
	Country     string     `json:"country"`
	Email       string     `json:"email"`
	Website     string     `json:"website"`
	Language    string     `json:"language"`
	Timezone    string     `json:"timezone"`
	State       string     `json:"state"`
	StateName   string     `json:"state_name"`
	StateSource string     `json:"state_source"` // postcode or merchant
	DPO         *store.DPO `json:"dpo"`
	Edited      []string   `json:"edited"` // fields the merchant set (kept on refresh)
}

type authorityJSON struct {
	answer.Authority
	Known     bool `json:"known"`
	Corrected bool `json:"corrected"` // the merchant's correction applies
}

type settingsJSON struct {
	AutoSend      bool   `json:"auto_send"`
	AutoErase     bool   `json:"auto_erase"`
	MerchantEmail string `json:"merchant_email"`
}

type systemJSON struct {
	System  string `json:"system"`
	Status  string `json:"status"` // the shop's status on it: active, needs_reauth, uninstalled …
	Healthy bool   `json:"healthy"`
}

// showShop serves GET /api/shop.
func (h *API) showShop(c echo.Context) error {
	sh, err := h.st.Shop(c.Request().Context(), session(c).Shop.ID)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toShopJSON(sh))
}

func toShopJSON(sh *store.Shop) shopJSON {
	set := store.ShopSettings(sh)
	a := requests.Address(sh)
	out := shopJSON{
		Profile: profileJSON{
			Domain: sh.Domain, Name: sh.Name, LegalName: requests.LegalName(sh), Street: a.Street, Street2: a.Street2,
			Postcode: a.Postcode, City: a.City, Country: sh.Country, Email: sh.Email, Website: sh.Website, Language: sh.Locale,
			Timezone: sh.Timezone, State: sh.Region, StateName: gdpr.RegionName(sh.Region), StateSource: sh.RegionSource,
			DPO: set.DPO, Edited: orNone(set.Edited),
		},
		Readiness:  requests.Readiness(sh),
		Settings:   settingsJSON{AutoSend: set.AutoSend, AutoErase: set.AutoErase, MerchantEmail: set.MerchantEmail},
		Systems:    []systemJSON{{System: sh.Platform, Status: sh.Status, Healthy: sh.Status == store.ShopActive}},
		Retention:  set.RetentionOverrides,
		Recipients: set.Recipients,
	}
	if out.Readiness.Missing == nil {
		out.Readiness.Missing = []string{}
	}
	if def, err := answer.DefaultAuthorities().For(gdpr.Place{Country: sh.Country, Region: sh.Region}); err == nil {
		out.Authority.Authority, out.Authority.Known = def, true
	}
	if o := set.Authority; o != nil && o.Name != "" {
		out.Authority.Corrected, out.Authority.Known = true, true
		out.Authority.Name = o.Name
		if o.Website != "" {
			out.Authority.Website = o.Website
		}
		if o.Address != "" {
			out.Authority.Street, out.Authority.Postcode, out.Authority.City = o.Address, "", ""
		}
	}
	if out.Retention == nil {
		out.Retention = []store.RetentionOverride{}
	}
	if out.Recipients == nil {
		out.Recipients = []store.Recipient{}
	}
	return out
}

func orNone(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
