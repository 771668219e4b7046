package shopifytest

// GrantCounts counts the tokens granted by kind.
type GrantCounts struct {
	AuthorizationCode int
	TokenExchange     int
	Refresh           int
}

// TokenSet is what the token endpoint answers; RefreshToken is empty for
// non-expiring tokens.
type TokenSet struct {
	AccessToken  string
	RefreshToken string
	Scope        string
}

// Grants returns how many tokens were granted, by grant kind.
func (e *Emulator) Grants() GrantCounts {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.grants
}

// InstallApp installs the app on a shop without going through OAuth and
// returns an offline token; expiring makes it an expiring token with a
// refresh token. It does not count as a grant.
func (e *Emulator) InstallApp(domain string, expiring bool) TokenSet {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	s.installed = true
	at, rt := e.tokens.issue(e.now(), s.domain, e.app.Scopes, false, expiring)
	set := TokenSet{AccessToken: at.value, Scope: at.scope}
	if rt != nil {
		set.RefreshToken = rt.value
	}
	return set
}

// NewAuthorizationCode returns a fresh authorization code for the shop, as
// the authorize redirect would carry.
func (e *Emulator) NewAuthorizationCode(domain string) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	return e.tokens.newCode(e.now(), s.domain, e.app.Scopes)
}
