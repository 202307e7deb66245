package nlp

import (
	"context"
	"testing"

	"newsgraph/document"
	"newsgraph/geo/gazetteer"
)

// modelStage is the stage as the pipeline makes it, models and all.
func modelStage(t testing.TB) *Stage {
	t.Helper()
	s, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return s
}

func TestModelNames(t *testing.T) {
	s := modelStage(t)
	tests := []struct {
		text string
		want map[string]string // name → type; every name found must be listed
	}{
		{
			"The White House urged Israel on Tuesday to hold off, White House spokesperson Karine Jean-Pierre told reporters.",
			map[string]string{"White House": document.TypeOrg, "Israel": document.TypeGPE, "Karine Jean-Pierre": document.TypePerson},
		},
		{
			"Italian Prime Minister Giorgia Meloni met Palestinian officials in Cairo, the capital of Egypt.",
			map[string]string{"Italian": document.TypeNORP, "Giorgia Meloni": document.TypePerson, "Palestinian": document.TypeNORP, "Cairo": document.TypeGPE, "Egypt": document.TypeGPE},
		},
		{
			"Shares of Siemens fell after the company warned on profits, Reuters reported from Munich.",
			map[string]string{"Siemens": document.TypeOrg, "Reuters": document.TypeOrg, "Munich": document.TypeGPE},
		},
	}
	for _, tt := range tests {
		doc := &document.Document{Text: tt.text, Language: "en"}
		if err := s.Process(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, n := range doc.Names {
			if tt.text[n.Start:n.End] != n.Text {
				t.Errorf("%q: name %+v does not point at its text", tt.text, n)
			}
			got[n.Text] = n.Type
		}
		for name, typ := range tt.want {
			if got[name] != typ {
				t.Errorf("%q: %q typed %q, want %q (all: %v)", tt.text, name, got[name], typ, got)
			}
		}
		for name := range got {
			if _, ok := tt.want[name]; !ok {
				t.Errorf("%q: unexpected name %q (%s)", tt.text, name, got[name])
			}
		}
	}
}

func TestModelTagsAndParse(t *testing.T) {
	s := modelStage(t)
	text := "Netanyahu said on Tuesday that the army would enter Rafah. Talks resume next week."
	doc := &document.Document{Text: text}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Sentences) != 2 {
		t.Fatalf("%d sentences, want 2: %+v", len(doc.Sentences), doc.Sentences)
	}
	byText := map[string]document.Token{}
	for _, sent := range doc.Sentences {
		roots := 0
		for i := sent.TokenStart; i < sent.TokenEnd; i++ {
			tok := doc.Tokens[i]
			byText[tok.Text] = tok
			if tok.POS == "" || tok.Tag == "" || tok.Lemma == "" || tok.Dep == "" {
				t.Errorf("token %d %q untagged or unparsed: %+v", i, tok.Text, tok)
			}
			if tok.Head == -1 {
				roots++
				continue
			}
			if tok.Head < sent.TokenStart || tok.Head >= sent.TokenEnd || tok.Head == i {
				t.Errorf("token %d %q: head %d outside its sentence [%d,%d)", i, tok.Text, tok.Head, sent.TokenStart, sent.TokenEnd)
			}
		}
		if roots != 1 {
			t.Errorf("sentence %+v has %d roots, want 1", sent, roots)
		}
	}
	said := byText["said"]
	if said.POS != "VERB" || said.Lemma != "say" || said.Dep != "root" {
		t.Errorf("said = %+v, want the root VERB with lemma say", said)
	}
	if subj := byText["Netanyahu"]; subj.Dep != "nsubj" || doc.Tokens[subj.Head].Text != "said" {
		t.Errorf("Netanyahu = %+v, want the nsubj of said", subj)
	}
}

func TestModelsOnlyForEnglish(t *testing.T) {
	s := modelStage(t)
	doc := &document.Document{Text: "Bundeskanzler Olaf Scholz sprach in Berlin. Die Regierung schwieg.", Language: "de"}
	if err := s.Process(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Names) != 0 || doc.Tokens[0].POS != "" || doc.Tokens[0].Head != -1 {
		t.Errorf("German text got English analysis: names %v, first token %+v", doc.Names, doc.Tokens[0])
	}
	if len(doc.Sentences) != 2 {
		t.Errorf("%d sentences, want 2", len(doc.Sentences))
	}
}

func TestAgreeTypes(t *testing.T) {
	names := []document.Name{
		{Text: "Jordan", Type: document.TypePerson},
		{Text: "Jordan", Type: document.TypeGPE},
		{Text: "Jordan", Type: document.TypeGPE},
		{Text: "Kremlin", Type: document.TypeLoc},
		{Text: "Kremlin", Type: document.TypeLoc},
		{Text: "Kremlin", Type: document.TypeOrg},
		{Text: "Acme", Type: document.TypeOrg},
		{Text: "Acme", Type: document.TypeMisc},
	}
	want := []string{"GPE", "GPE", "GPE", "ORG", "ORG", "ORG", "ORG", "ORG"}
	for i, n := range agreeTypes(names) {
		if n.Type != want[i] {
			t.Errorf("name %d %s: type %s, want %s", i, n.Text, n.Type, want[i])
		}
	}
}

func TestContractType(t *testing.T) {
	s := WithModels(gazetteer.Default(), Models{})
	tests := []struct{ name, conll, want string }{
		{"Anna Smith", "PER", document.TypePerson},
		{"Hamas", "ORG", document.TypeOrg},
		{"France", "LOC", document.TypeGPE},
		{"Rafah", "LOC", document.TypeGPE},
		{"Mediterranean Sea", "LOC", document.TypeLoc},
		{"Israeli", "MISC", document.TypeNORP},
		{"Palestinians", "MISC", document.TypeNORP},
		{"World Cup", "MISC", document.TypeMisc},
	}
	for _, tt := range tests {
		if got := s.contractType(tt.name, tt.conll); got != tt.want {
			t.Errorf("contractType(%q, %s) = %s, want %s", tt.name, tt.conll, got, tt.want)
		}
	}
}
