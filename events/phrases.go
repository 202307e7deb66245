package events

import (
	"newsgraph/document"
	"newsgraph/internal/textview"
)

// Noun-phrase actors: when the rules find no known actor (an entity, a
// name, a nation) in the subject or object of a verb, the noun phrase
// standing there is the actor, uncoded unless its head is an agent word
// with a demonym before it: "The American Civil Liberties Union is suing
// the FBI", "a car bomb in Kiev killed another ethnic Chechen". Without a
// parse the phrase is read by word order: determiners, modifiers and a
// head, up to maxPhrase tokens, not crossing a preposition, a clause word
// or punctuation.

// maxPhrase bounds a noun phrase read by word order.
const maxPhrase = 8

// phraseStop reports whether token j cannot be inside a noun phrase.
func (a *analysis) phraseStop(j int) bool {
	l := a.v.Low(j)
	if !a.v.IsWord(j) && l != "'s" && l != "-" && l != "&" {
		return true
	}
	return prepositions[l] || clauseWords[l] || reportWords[l] || beForms[l] || auxiliaries[l] && l != "'s" ||
		modals[l] || futureWords[l] || negations[l] || l == "and" || l == "or" || l == "to" || pronouns[l] ||
		a.timeTok[j] || a.trigAt(j)
}

// pronouns are not noun phrases of their own here: coref links the ones it
// can, and a pronoun it did not link names no one.
var pronouns = set("he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me",
	"who", "which", "that", "this", "there", "what", "its", "their", "his", "our", "my", "your", "itself")

// trigAt reports whether token j starts a trigger pattern of the tables
// that is a verb: a phrase does not run through another event's verb.
func (a *analysis) trigAt(j int) bool {
	for _, p := range a.tab.triggers[a.v.Low(j)] {
		if !p.noun && !p.weak {
			return true
		}
	}
	return false
}

// phraseBefore returns the noun phrase that ends right before the verb at
// t, past auxiliaries, modals and adverbs, and past a parenthesis
// ("Amnesty International (AI) has accused"), as a new actor; -1 for
// none.
func (a *analysis) phraseBefore(t int, s textview.Sentence) int {
	j := t - 1
	for j >= s.T0 {
		l := a.v.Low(j)
		if adverbs[l] || beForms[l] || modals[l] || auxiliaries[l] || futureWords[l] {
			j--
			continue
		}
		break
	}
	if j >= s.T0 && a.v.Low(j) == ")" {
		for k := j - 1; k >= s.T0 && k >= j-8; k-- {
			if a.v.Low(k) == "(" {
				j = k - 1
				break
			}
		}
	}
	end := j + 1
	if j < s.T0 || a.phraseStop(j) || determiners[a.v.Low(j)] || a.v.Low(j) == "'s" {
		return -1
	}
	for j >= s.T0 && end-j <= maxPhrase && !a.phraseStop(j) {
		if i := a.actorAt[j]; i >= 0 && a.actors[i].t1 > end {
			return -1
		}
		if determiners[a.v.Low(j)] {
			j--
			break
		}
		j--
	}
	return a.phraseActor(j+1, end)
}

// phraseAfter returns the noun phrase that starts at k (the object of a
// verb, or the agent after "by"), as a new actor; -1 for none.
func (a *analysis) phraseAfter(k int, s textview.Sentence) int {
	j := k
	for j < s.T1 && determiners[a.v.Low(j)] && j-k < 2 {
		j++
	}
	if j >= s.T1 || a.phraseStop(j) {
		return -1
	}
	for j < s.T1 && j-k < maxPhrase && !a.phraseStop(j) {
		j++
	}
	return a.phraseActor(k, j)
}

// phraseActor makes an actor of tokens [t0, t1): its words as text, and a
// code when a demonym or nation in it qualifies an agent word at its end
// ("the Nigerian military" NGAMIL); it returns the actor's index, or -1
// when the phrase is empty or is already an actor.
func (a *analysis) phraseActor(t0, t1 int) int {
	if t0 >= t1 {
		return -1
	}
	// A phrase that holds a known actor is that actor: "the Nigerian
	// military" is the NGA actor that the demonym rule made, widened.
	for j := t0; j < t1; j++ {
		if i := a.actorAt[j]; i >= 0 {
			act := &a.actors[i]
			if act.t0 < t0 || act.t1 > t1 {
				return -1
			}
		}
	}
	if !a.actorLike(t0, t1) {
		return -1
	}
	start, end := a.v.Toks[t0].Start, a.v.Toks[t1-1].End
	x := document.Actor{Text: a.v.Text[start:end], Start: start, End: end}
	for j := t0; j < t1; j++ {
		// A possessive pronoun does not stand for the phrase it opens:
		// "his counterpart Italian President Sergio Mattarella" is not the
		// one "his" refers to.
		if i := a.actorAt[j]; i >= 0 && a.actors[i].Country != "" && !possessivePronouns[a.v.Low(j)] {
			x.Entity, x.Country, x.Code = a.actors[i].Entity, a.actors[i].Country, a.actors[i].Code
			break
		}
	}
	if x.Country != "" && len(x.Code) == 3 {
		x.Code += a.agentSuffix([]string{a.v.Low(t1 - 1)})
	}
	a.actors = append(a.actors, actor{t0: t0, t1: t1, Actor: x})
	return len(a.actors) - 1
}

var possessivePronouns = map[string]bool{"his": true, "her": true, "its": true, "their": true, "our": true, "my": true, "your": true}

// actorLike reports whether tokens [t0, t1) can name someone who acts: a
// capitalised word other than the first (a name the recogniser missed:
// "the Munich I Regional Court"), a first word that is no determiner, or
// an agent word at the end ("protesters", "the court"). "trade" in
// "discuss trade" is a topic, not an actor.
func (a *analysis) actorLike(t0, t1 int) bool {
	if a.tab.agents[a.v.Low(t1-1)] != "" {
		return true
	}
	for j := t0; j < t1; j++ {
		if !capitalised(a.v.Toks[j].Text) || determiners[a.v.Low(j)] {
			continue
		}
		if j > a.v.Sents[a.v.Toks[j].Sent].T0 || j+1 < t1 {
			return true
		}
		// A lone capitalised word opening the sentence may be any word.
		return a.nameTok[j] || a.actorAt[j] >= 0
	}
	return false
}
