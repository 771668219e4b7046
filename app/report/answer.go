package report

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
)

// Answer converts the report back into the rules core's answer in lang, the
// copy carrying every item, so that answer.Validate can check a stored
// report as well as a fresh one.
func (r *Report) Answer(lang string) (answer.Answer, bool) {
	s, ok := r.Answers[lang]
	if !ok {
		return answer.Answer{}, false
	}
	a := answer.Answer{Language: lang, Processed: r.Processed}
	for _, c := range s.Categories {
		rs := make([]answer.Recipient, 0, len(c.Recipients))
		for _, x := range c.Recipients {
			rs = append(rs, answer.Recipient(x))
		}
		cat := answer.Category{
			Name: c.Name, Purposes: c.Purposes, Recipients: rs, NoRecipients: c.NoRecipients,
			Storage: answer.Storage(c.Storage), Source: answer.Source(c.Source),
		}
		for _, t := range c.Types {
			cat.Types = append(cat.Types, answer.TypeStorage{
				RecordType: t.RecordType, Name: t.Name, Count: t.Count, Sentence: t.Sentence, Basis: t.Basis,
				First: t.FirstUntil, Last: t.LastUntil, Overdue: t.Overdue,
			})
		}
		a.Categories = append(a.Categories, cat)
	}
	if s.Objection != nil {
		a.Objection = &answer.Objection{Marketing: s.Objection.Marketing, Interests: s.Objection.Interests, InterestPurposes: s.Objection.InterestPurposes}
	}
	for _, x := range s.Rights {
		a.Rights = append(a.Rights, answer.RightInfo{Right: answer.Right(x.Right), Article: x.Article, Text: x.Text})
	}
	if s.Complaint != nil {
		a.Complaint = &answer.Complaint{Authority: answer.Authority(s.Complaint.Authority), Text: s.Complaint.Text}
	}
	if s.Automated != nil {
		a.Automated = &answer.Automated{Exists: s.Automated.Exists, Logic: s.Automated.Logic, Consequences: s.Automated.Consequences}
	}
	if r.Processed {
		a.Copy = &answer.Copy{Format: r.Copy.Format}
		for _, it := range r.Copy.Items {
			a.Copy.Items = append(a.Copy.Items, it.gdprItem())
		}
	}
	return a, true
}

func (it Item) gdprItem() gdpr.Item {
	out := gdpr.Item{
		System: it.System, RecordType: gdpr.RecordType(it.RecordType), RecordID: it.RecordID, Fields: it.Fields,
		Delivered: it.Delivered, Invoiced: it.Invoiced, ConsentEnded: it.ConsentEnded,
	}
	if it.Date != nil {
		out.Date = *it.Date
	}
	return out
}
