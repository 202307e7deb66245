package main

import (
	"strings"
	"testing"
)

func TestCommon(t *testing.T) {
	const conllu = "# sent_id = 1\n" +
		"1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" +
		"2\tdetails\tdetail\tNOUN\tNNS\t_\t0\troot\t_\t_\n" +
		"3\tSmith\tSmith\tPROPN\tNNP\t_\t2\tnmod\t_\t_\n" +
		"\n" +
		"1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" +
		"2\tdetails\tdetail\tNOUN\tNNS\t_\t0\troot\t_\t_\n" +
		"3\tsmith\tsmith\tNOUN\tNN\t_\t2\tnmod\t_\t_\n" +
		"4\tSmith\tSmith\tPROPN\tNNP\t_\t2\tnmod\t_\t_\n" +
		"5-6\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n" +
		"7\t3.5\t3.5\tNUM\tCD\t_\t2\tnummod\t_\t_\n" +
		"\n"
	got, err := common(strings.NewReader(conllu), 1)
	if err != nil {
		t.Fatal(err)
	}
	// "the" once in lower case (its capital opens a sentence); "smith" once lower
	// case and twice capitalised mid-sentence; no numbers or ranges.
	if want := "details the"; strings.Join(got, " ") != want {
		t.Errorf("common = %q, want %q", got, want)
	}
}

func TestIsWord(t *testing.T) {
	for w, want := range map[string]bool{"word": true, "well-known": true, "don't": true,
		"3.5": false, "-x": false, "x-": false, "": false, "http://a": false} {
		if got := isWord(w); got != want {
			t.Errorf("isWord(%q) = %v, want %v", w, got, want)
		}
	}
}
