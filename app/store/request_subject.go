package store

import "context"

// SetRequestSubject replaces the subject of a shop's request (sealed, its
// keyed hash recomputed): the answer then goes to the contact the shop
// holds for the person (requests.AnswerToHeldContact).
func (s *Store) SetRequestSubject(ctx context.Context, shopID, id int64, sub Subject) error {
	sealed, err := s.sealJSON(purposeSubject, sub)
	if err != nil {
		return err
	}
	return s.UpdateRequest(ctx, shopID, id, map[string]any{"subject": sealed, "subject_hash": s.SubjectHash(sub)})
}
