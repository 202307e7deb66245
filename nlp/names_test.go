package nlp

import (
	"testing"

	"newsgraph/document"
)

func TestNames(t *testing.T) {
	const (
		per  = document.TypePerson
		org  = document.TypeOrg
		gpe  = document.TypeGPE
		loc  = document.TypeLoc
		norp = document.TypeNORP
		fac  = document.TypeFac
	)
	tests := []struct {
		name string
		text string
		want map[string]string // name -> type
		not  []string          // names that must not be found
	}{
		{
			name: "titles and demonyms",
			text: "NAIROBI — Kenyan President William Ruto met French President Emmanuel Macron in Nairobi on Monday. Ruto said the two leaders agreed.",
			want: map[string]string{"NAIROBI": gpe, "Kenyan": norp, "William Ruto": per, "French": norp,
				"Emmanuel Macron": per, "Nairobi": gpe, "Ruto": per},
			not: []string{"Kenyan President William Ruto", "President", "Monday"},
		},
		{
			name: "sentence openers are not names",
			text: "Speaking at a news conference, the minister praised Brazil. Despite the rain, officials said more. Officials said more. Asked about it, Baerbock said she agreed. Details emerged later.",
			want: map[string]string{"Brazil": gpe, "Baerbock": per},
			not:  []string{"Speaking", "Despite", "Asked", "Details", "Officials"},
		},
		{
			name: "an unknown opener seen mid-sentence is a name",
			text: "Okonkwo said on Friday he would appeal. Police said Okonkwo had fled.",
			want: map[string]string{"Okonkwo": per},
		},
		{
			name: "organisations by keyword and list",
			text: "The World Health Organization and the Ministry of Health in Khartoum spoke, as did the U.S. State Department and the Rapid Support Forces (RSF).",
			want: map[string]string{"World Health Organization": org, "Ministry of Health": org,
				"Khartoum": gpe, "Rapid Support Forces": org, "RSF": org},
			not: []string{"The World Health Organization"},
		},
		{
			name: "people by first name, courtesy title and suffix",
			text: "Dr. Jane Smith, an economist at Goldman Sachs, met Mr. Yoshida and Martin Luther King Jr. in Tokyo.",
			want: map[string]string{"Jane Smith": per, "Goldman Sachs": org, "Yoshida": per,
				"Martin Luther King Jr.": per, "Tokyo": gpe},
		},
		{
			name: "particles",
			text: "President Luiz Inácio Lula da Silva met Ursula von der Leyen and Crown Prince Mohammed bin Salman.",
			want: map[string]string{"Luiz Inácio Lula da Silva": per, "Ursula von der Leyen": per,
				"Mohammed bin Salman": per},
		},
		{
			name: "hyphenated modifiers and compounds",
			text: "The Hamas-run ministry said the US-led coalition and Tokyo-based firms joined US-Israel talks.",
			want: map[string]string{"Hamas": org, "US": norp, "Tokyo": gpe, "Israel": gpe},
			not:  []string{"Hamas-run", "US-led", "US-Israel"},
		},
		{
			name: "bracketed insertion",
			text: "He vowed to destroy these [Hamas] battalions.",
			want: map[string]string{"Hamas": org},
			not:  []string{"[Hamas]"},
		},
		{
			name: "places by keyword and cue",
			text: "Ships crossed the Red Sea near Mount Hermon, and troops entered the town of Kfar Aza and then Jabalia.",
			want: map[string]string{"Red Sea": loc, "Mount Hermon": loc, "Kfar Aza": gpe},
		},
		{
			name: "of and and inside names only when known or after a head word",
			text: "The Bank of England warned Israel and Jordan, said the Secretary of State Antony Blinken.",
			want: map[string]string{"Bank of England": org, "Israel": gpe, "Jordan": gpe, "Antony Blinken": per},
			not:  []string{"Israel and Jordan", "Secretary of State Antony Blinken"},
		},
		{
			name: "days, months and quotes",
			text: "On Tuesday, in May, Theresa May said: “We will act.” In March they met at Camp David Airport.",
			want: map[string]string{"Theresa May": per, "Camp David Airport": fac},
			not:  []string{"Tuesday", "May", "March", "We", "On", "In"},
		},
		{
			name: "furniture lines are skipped",
			text: "Israel said it would act.\n\nFollow us on Facebook\n\nSearch",
			want: map[string]string{"Israel": gpe},
			not:  []string{"Facebook", "Search"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := process(t, tt.text)
			got := map[string]string{}
			for _, n := range doc.Names {
				got[n.Text] = n.Type
			}
			for name, typ := range tt.want {
				if got[name] != typ {
					t.Errorf("%q: type %q, want %q (all: %v)", name, got[name], typ, got)
				}
			}
			for _, name := range tt.not {
				if _, ok := got[name]; ok {
					t.Errorf("found %q, want no such name (all: %v)", name, got)
				}
			}
		})
	}
}
