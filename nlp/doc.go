// Package nlp is newsgraph's first language stage: it splits a document's
// text into tokens and sentences and finds the names in it, typed PERSON,
// ORG, GPE, LOC, NORP, FAC, EVENT or MISC.
//
// Everything here is rule-based and meant to be replaced piece by piece:
// the tokenizer follows the conventions of UD English (Penn Treebank
// style), so that a tagger and parser trained on UD English-EWT can take
// its tokens; the sentence splitter and the name finder use word lists
// (package lexicon) and the gazetteer until a trained model takes over.
//
// The name finder reads runs of capitalised words. A run is split at
// titles ("US President Joe Biden" is "US", a title, and "Joe Biden") and
// at a leading demonym ("Israeli forces"), and each piece is typed by, in
// order: the list of well-known organisations, a title before it, the
// gazetteer (countries and capitals), a role word before it
// ("spokesperson X"), a head word ("Party", "River", "Airport"), a demonym,
// a first name, and finally the words around it. A capitalised word that
// opens a sentence is a name only when something besides its capital says
// so. A last pass makes each name's type agree across the document
// ("Netanyahu" after "Benjamin Netanyahu" is a person).
package nlp
