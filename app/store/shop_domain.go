package store

import "context"

// ShopsByDomain lists the shops with a domain on any platform, oldest
// first (a tool that is given a domain alone: `lethe user`).
func (s *Store) ShopsByDomain(ctx context.Context, domain string) ([]Shop, error) {
	var shs []Shop
	err := s.q(ctx).Where("domain = ?", domain).Order("id").Find(&shs).Error
	return shs, translate(err)
}
