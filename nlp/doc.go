// Package nlp is newsgraph's first language stage: it splits a document's
// text into tokens and sentences, tags and parses the sentences, and finds
// the names in them, typed PERSON, ORG, GPE, LOC, NORP, FAC, EVENT or MISC.
//
// The stage runs the models trained in pure Go under nlp/ and shipped in
// the binary (package models): the sentence splitter (nlp/sentences), the
// tagger and lemmatiser (nlp/tagger: UPOS and Penn Treebank tags), the
// dependency parser (nlp/parser: UD relations) and the name recogniser
// (nlp/ner: CoNLL-2003 types). The recogniser's types are mapped onto the
// contract's: a location the gazetteer knows as a country, division or
// town is a GPE; a miscellaneous name that is a demonym or a people is
// NORP; a building or area that is the subject of a verb ("the White House
// urged") is the body that sits there, an ORG. Every mention of one name
// then takes the same type.
//
// The rule-based pieces stay, as the fallback for text in other languages
// (sentences) and as the baseline the models are measured against
// (NewWith): the tokenizer (nlp/tokenize) follows the conventions of UD
// English, so that the models trained on UD English-EWT take its tokens;
// the rule-based name finder reads runs of capitalised words and types
// them by word lists (package lexicon) and the gazetteer.
package nlp
