//! One invented sentence per attribution pattern: quote text, kind, speaker and cue.

use crate::common::quotes::{find, run};
use quotedesk::analysis::QuoteKind;

#[test]
fn quote_then_name_said() {
    let g = run("“The bridge will reopen in May,” Olga Brandt said on Tuesday.");
    let q = find(&g, "The bridge will reopen");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("Olga Brandt"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn quote_then_said_name_with_appositive() {
    let g = run("\"We will not sign this deal,\" said Tomas Varga, the union's president.");
    let q = find(&g, "We will not sign");
    assert_eq!(q.speaker.as_deref(), Some("Tomas Varga"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn name_said_colon_quote() {
    let g = run("Mayor Clara Hoff said: \"Nobody saw the water coming.\"");
    let q = find(&g, "Nobody saw");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker.as_deref(), Some("Clara Hoff"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn told_reporters() {
    let g = run("Peter Lund told reporters \"the budget is gone\" before leaving.");
    let q = find(&g, "the budget is gone");
    assert_eq!(q.speaker.as_deref(), Some("Peter Lund"));
    assert_eq!(q.cue.as_deref(), Some("told"));
}

#[test]
fn interrupted_quote_shares_group_and_speaker() {
    let g = run("“We tried,” Anna Weiss said, “but the pumps failed twice.”");
    let a = find(&g, "We tried");
    let b = find(&g, "but the pumps");
    assert_eq!(a.speaker.as_deref(), Some("Anna Weiss"));
    assert_eq!(b.speaker.as_deref(), Some("Anna Weiss"));
    assert!(a.group.is_some());
    assert_eq!(a.group, b.group);
}

#[test]
fn according_to_indirect() {
    let g = run("According to Jonas Berg, the factory will close before the winter.");
    let q = find(&g, "the factory will close");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Jonas Berg"));
    assert_eq!(q.cue.as_deref(), Some("According to"));
}

#[test]
fn according_to_clause_starts_at_the_comma_after_the_source() {
    // the comma inside "3,5" is part of the number, not the clause break
    let g = run("According to the Tavel Water Board, levels rose by 3,5 metres overnight.");
    let q = find(&g, "levels rose");
    assert_eq!(q.text, "levels rose by 3,5 metres overnight");
    assert_eq!(q.speaker.as_deref(), Some("Tavel Water Board"));
}

#[test]
fn according_to_without_a_comma_starts_at_the_clause_opener() {
    // translated copy that drops the comma after the source
    let g =
        run("According to Orvik Mining they found 14,2 tonnes of ore in the shaft, mostly zinc.");
    let q = find(&g, "they found");
    assert_eq!(
        q.text,
        "they found 14,2 tonnes of ore in the shaft, mostly zinc"
    );
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Orvik Mining"));
}

#[test]
fn according_to_an_appositive_source_runs_to_the_next_comma() {
    let g =
        run("According to Mira Holt of the port authority, the cranes will stay idle all week.");
    let q = find(&g, "the cranes");
    assert_eq!(q.text, "the cranes will stay idle all week");
    assert_eq!(q.speaker.as_deref(), Some("Mira Holt"));
}

#[test]
fn said_that_indirect() {
    let g = run("Health Minister Ana Kowalski said that the hospital would get new beds.");
    let q = find(&g, "the hospital would get");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Ana Kowalski"));
}

#[test]
fn cue_less_paragraph_continues_previous_speaker() {
    let g = run("“The river rose fast,” Marek Duda said.\n\n“By noon the square was a lake.”");
    let q = find(&g, "By noon");
    assert_eq!(q.speaker.as_deref(), Some("Marek Duda"));
}

#[test]
fn pronoun_resolves_by_gender() {
    let g = run("Sarah Quinn met Robert Vance on Monday. “I expect a vote soon,” she said.");
    let q = find(&g, "I expect a vote");
    assert_eq!(q.speaker.as_deref(), Some("Sarah Quinn"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn nominal_resolves_to_title() {
    let g = run(
        "Finance Minister Ingrid Holm visited the port.\n\n“Trade is recovering,” the minister said.",
    );
    let q = find(&g, "Trade is recovering");
    assert_eq!(q.speaker.as_deref(), Some("Ingrid Holm"));
}

#[test]
fn organisation_speaker() {
    let g = run("“The claims are baseless,” the Kremlin said in a statement.");
    let q = find(&g, "The claims are baseless");
    assert_eq!(q.speaker.as_deref(), Some("Kremlin"));
}

#[test]
fn partial_quote() {
    let g = run("Victor Hale warned of \"grave consequences for the region\" on Friday.");
    let q = find(&g, "grave consequences");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(q.speaker.as_deref(), Some("Victor Hale"));
}

#[test]
fn scare_quotes_get_no_speaker() {
    let g = run(
        "The oil was loaded onto the tanker \"Sea Falcon\" at dawn. Critics mocked the so-called \"green deal\" plan.",
    );
    for start in ["Sea Falcon", "green deal"] {
        let q = find(&g, start);
        assert_eq!(q.kind, QuoteKind::Scare, "{start}");
        assert_eq!(q.speaker, None);
    }
}

#[test]
fn multi_paragraph_quote_is_grouped() {
    let g = run(
        "Rita Moss said: \"We lost the north field first.\n\n\"Then the barns went under, one by one.\"",
    );
    let a = find(&g, "We lost the north");
    let b = find(&g, "Then the barns");
    assert!(a.group.is_some());
    assert_eq!(a.group, b.group);
    assert_eq!(b.speaker.as_deref(), Some("Rita Moss"));
}

#[test]
fn unbalanced_mark_does_not_swallow_the_article() {
    let g = run(
        "Leo Brandt said \"we will rebuild the school\n\nThe town council met later. It voted to fund repairs.",
    );
    assert!(g.iter().all(|q| !q.text.contains("council")));
}

#[test]
fn relative_clause_appositive_keeps_the_subject() {
    let g = run(
        "Lena Ostrova, who heads the Harbour Workers Union, said the strike would last a week.",
    );
    let q = find(&g, "the strike would last");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Lena Ostrova"));
}

#[test]
fn colon_intro_without_cue_takes_the_clause_subject() {
    let g = run("Mayor Ivo Kral, standing in the flooded square, was blunt: “We were abandoned.”");
    let q = find(&g, "We were abandoned");
    assert_eq!(q.speaker.as_deref(), Some("Ivo Kral"));
}

#[test]
fn quote_inside_reported_speech_belongs_to_the_reporter() {
    let g = run("Nora Field said Carl Brandt had told the board to be \"very careful\" with it.");
    let q = find(&g, "very careful");
    assert_eq!(q.speaker.as_deref(), Some("Nora Field"));
}

#[test]
fn unnamed_nominal_speaker_is_kept_as_written() {
    let g = run("“We will appeal,” the newspaper wrote on Sunday.");
    let q = find(&g, "We will appeal");
    assert_eq!(q.speaker.as_deref(), Some("newspaper"));
}

#[test]
fn nickname_is_one_person_and_no_quote() {
    let g = run(
        "“Prices will settle by spring,” said Robert “Bob” Lindgren, an analyst at Fjord Securities.",
    );
    assert!(
        g.iter().all(|q| q.text != "Bob"),
        "nickname taken as a quote"
    );
    let q = find(&g, "Prices will settle");
    assert_eq!(q.speaker.as_deref(), Some("Robert Lindgren"));
}

#[test]
fn statement_speaks_for_its_author_and_bare_head_finds_the_named_body() {
    let g = run(
        "The Arctic Savings Bank raised its rates on Friday. The board was divided, the bank said in a statement.\n\n“Demand is cooling faster than we hoped,” the statement said.",
    );
    let q = find(&g, "Demand is cooling");
    assert_eq!(q.speaker.as_deref(), Some("Arctic Savings Bank"));
}

#[test]
fn bare_department_resolves_to_the_fuller_phrase() {
    let g = run(
        "Roads were closed overnight, the coastal transport department said in a statement.\n\n“Every detour is signposted,” the department said in the statement.",
    );
    let q = find(&g, "Every detour");
    assert_eq!(q.speaker.as_deref(), Some("coastal transport department"));
}

#[test]
fn minister_of_portfolio_before_a_name() {
    let g = run(
        "“We will fund the repairs,” said the minister of Transport Annelies Dekker in Utrecht.",
    );
    let q = find(&g, "We will fund");
    assert_eq!(q.speaker.as_deref(), Some("Annelies Dekker"));
}

#[test]
fn a_rank_after_the_service_gives_the_name_not_the_service() {
    let g = run("\"I was hoping for more,\" said Air Force 1st Lt. Maria Ostrand.");
    let q = find(&g, "I was hoping");
    assert_eq!(q.speaker.as_deref(), Some("Maria Ostrand"));
}

#[test]
fn a_sentence_opening_connective_is_not_the_speaker() {
    let g = run(
        "Moreover, as part of the hearing, Tandry cited a report that \"less than one percent\" was kept.",
    );
    let q = find(&g, "less than one percent");
    assert_ne!(q.speaker.as_deref(), Some("Moreover"));
}

#[test]
fn a_bare_given_name_is_the_full_named_speaker() {
    let g = run(
        "Port Minister Bambor Wiratku visited the docks on Monday.\n\n\"The port will reopen,\" said Bambor.",
    );
    let q = find(&g, "The port will reopen");
    assert_eq!(q.speaker.as_deref(), Some("Bambor Wiratku"));
}

#[test]
fn a_cue_that_opens_the_next_coordinated_clause_is_not_the_quotes() {
    let g = run(
        "Olga Brandt said she would make the harbour \"shine at night,\" for instance, and Peter Lund vowed to \"close it.\"",
    );
    let q = find(&g, "shine at night");
    assert_eq!(q.speaker.as_deref(), Some("Olga Brandt"));
    let q = find(&g, "close it");
    assert_eq!(q.speaker.as_deref(), Some("Peter Lund"));
}

#[test]
fn the_accuser_is_the_speaker_of_the_accusation() {
    let g = run(
        "Olga Brandt accuses the mayor of \"hiding behind the port\" and Peter Lund says he is \"losing the vote.\"",
    );
    let q = find(&g, "hiding behind the port");
    assert_eq!(q.speaker.as_deref(), Some("Olga Brandt"));
}

#[test]
fn a_nominal_of_two_titles_is_the_holder_of_either() {
    let g = run(
        "Senator Olga Brandt spoke first on Tuesday.\n\n\"The port must stay open,\" the Nordland senator and presidential candidate said.",
    );
    let q = find(&g, "The port must stay open");
    assert_eq!(q.speaker.as_deref(), Some("Olga Brandt"));
}

#[test]
fn quoted_content_of_a_possessive_speech_noun_is_the_possessors() {
    // the opposition only reports the promise; the quoted words are Varnhagen's
    let g = run(
        "At the Tarnwick rally the opposition mocked Ilse Varnhagen's promise to \
         “cut every queue by half” before the spring.",
    );
    let q = find(&g, "cut every queue");
    assert_eq!(q.speaker.as_deref(), Some("Ilse Varnhagen"));
    assert_eq!(q.cue.as_deref(), Some("promise"));
}

#[test]
fn a_verdict_on_someones_remarks_stays_with_the_judge() {
    // no "that/to/of" clause opens after the noun: the quotation is Brell's verdict
    let g = run(
        "Oskar Brell said Ilse Varnhagen's remarks about the ferry fares \
         “will cost the harbour every one of its boats.”",
    );
    let q = find(&g, "will cost the harbour");
    assert_eq!(q.speaker.as_deref(), Some("Oskar Brell"));
    // a copula between the noun's clause and the quotation is a verdict too
    let g = run(
        "Oskar Brell said Ilse Varnhagen's claim that the ferries lose money was \
         “simply invented”.",
    );
    let q = find(&g, "simply invented");
    assert_eq!(q.speaker.as_deref(), Some("Oskar Brell"));
}

#[test]
fn a_dash_credit_line_after_a_lone_quotation_names_its_speaker() {
    // the credit on the next line, and on the quotation's own line
    let g = run("Commuters waited four hours at the slipway on Friday.\n\n\
         “We plan our whole week around a boat that may never come.”\n\n\
         — Halla Quillon, a nurse from Oster Vik\n\n\
         “Nobody in the harbour office answers the phone any more.” – Bror Eskeland, retired pilot");
    let q = find(&g, "We plan our whole week");
    assert_eq!(q.speaker.as_deref(), Some("Halla Quillon"));
    let q = find(&g, "Nobody in the harbour office");
    assert_eq!(q.speaker.as_deref(), Some("Bror Eskeland"));
}

#[test]
fn names_in_a_fronted_clause_are_not_the_subject_of_the_cue() {
    let g = run(
        "When told that Ilse Varnhagen might join a future cabinet, Gunnar Ecke paused \
         and said the rumour was “a fairy tale.”",
    );
    let q = find(&g, "a fairy tale");
    assert_eq!(q.speaker.as_deref(), Some("Gunnar Ecke"));
}

#[test]
fn according_to_a_document_filed_by_someone_is_its_authors() {
    let g = run("Halla Quillon praised the dredging crews on Monday.\n\n\
         “Nobody checked the silt samples,” according to a complaint filed by fisheries \
         inspector Bror Eskeland.");
    let q = find(&g, "Nobody checked the silt");
    assert_eq!(q.speaker.as_deref(), Some("Bror Eskeland"));
    assert_eq!(q.cue.as_deref(), Some("according to"));
}

#[test]
fn the_subject_of_a_relative_clause_cue_speaks() {
    // "which" opens the clause whose subject is the audit, not the levy it qualifies
    let g =
        run("The ferry levy, which a council audit said was “poorly costed,” passed by two votes.");
    let q = find(&g, "poorly costed");
    let who = q.speaker.as_deref().unwrap_or_default();
    assert!(who.contains("audit"), "speaker {who:?}");
}

#[test]
fn a_relative_clause_after_a_preposition_names_no_speaker() {
    // "after which the boards agreed": no comma-bounded "which", so the quoted place
    // name before it stays a name, not the boards' words
    let g = run(
        "At the crossing “Nordvik Gate” the two harbour boards met for an hour, after \
         which the boards agreed to share one dredger.",
    );
    let q = find(&g, "Nordvik Gate");
    assert_eq!(q.kind, QuoteKind::Scare);
    assert_eq!(q.speaker, None);
}

#[test]
fn a_name_deep_in_the_main_clause_after_a_fronted_clause_is_no_subject() {
    let g = run(
        "Once the Tarnwick Harbour Board had finished, the crowd around Halla Quillon \
         cared about one sentence only: the board “saw no sign of negligence” in the crews.",
    );
    let q = find(&g, "saw no sign of negligence");
    assert_ne!(q.speaker.as_deref(), Some("Halla Quillon"));
}

#[test]
fn an_organisation_with_and_in_its_name_speaks_whole() {
    let g = run(
        "Two barges sank near the weir overnight.\n\n“The channel stays closed until Monday,” \
         the Bureau of Canals and Locks said.",
    );
    let q = find(&g, "The channel stays closed");
    assert_eq!(q.speaker.as_deref(), Some("Bureau of Canals and Locks"));
}

#[test]
fn a_group_before_a_place_phrase_speaks_not_the_outlet_it_told() {
    // the noun before "at the ..." is the subject; the paper after "told" only listened
    let g = run(
        "A freezer plant in Corrigan lost power on Sunday.\n\n“We threw out three \
         lorries of fish,” packers at the plant told the Velby Gazette.",
    );
    let q = find(&g, "We threw out");
    assert_eq!(q.speaker.as_deref(), Some("packers"));
    assert_eq!(q.cue.as_deref(), Some("told"));
}
