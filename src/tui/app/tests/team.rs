//! A team on one queue, in the state: my queue, presence, assigning.

use super::*;

fn mine(mut s: State, code: &str) -> State {
    let mut rows = rows();
    for r in &mut rows {
        if r.code() == code {
            r.team.mine = true;
            r.team.assignee = Some("lan".into());
        }
    }
    s.team.opened = false;
    update(&mut s, loaded(Loaded::Queue(rows, 4)));
    s
}

#[test]
fn the_queue_opens_once_on_my_assignments_and_one_key_shows_all() {
    let s = state();
    let all = codes(&s);
    let mut s = mine(s, "KC24-TV-003");
    assert_eq!(s.queue.query, "s:pending is:mine");
    assert_eq!(codes(&s), ["KC24-TV-003"]);
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.text.contains("assigned to lan"))
    );
    update(&mut s, Action::MyQueue);
    assert_eq!(s.queue.query, "s:pending");
    assert_eq!(codes(&s), all);
    // A reload does not take me back to my queue.
    update(&mut s, loaded(Loaded::Queue(rows(), 5)));
    assert_eq!(s.queue.query, "s:pending");
}

#[test]
fn assigning_the_marked_dossiers_asks_who_and_reloads_their_rows() {
    let mut s = state();
    update(&mut s, Action::ToggleMark);
    update(&mut s, Action::Assign);
    assert!(
        matches!(&s.overlay, Some(Overlay::Input(b)) if b.purpose == InputPurpose::AssignTo(vec!["KC24-GL-007".into()]))
    );
    update(&mut s, Action::Insert("minh".into()));
    let fx = update(&mut s, Action::Submit);
    assert_eq!(
        fx,
        vec![Effect::Assign {
            codes: vec!["KC24-GL-007".into()],
            to: Some("minh".into())
        }]
    );
    let fx = update(
        &mut s,
        loaded(Loaded::Assigned {
            codes: vec!["KC24-GL-007".into()],
            to: Some("minh".into()),
        }),
    );
    assert_eq!(fx, vec![Effect::LoadRows(vec!["KC24-GL-007".into()])]);
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.text == "1 dossiers assigned to minh")
    );
}

#[test]
fn opening_the_score_someone_else_is_in_says_so_and_tells_them_my_pane() {
    let mut s = state();
    let fx = update(
        &mut s,
        loaded(Loaded::Presence(vec![(
            "KC24-GL-007".into(),
            "minh".into(),
            Some("score".into()),
        )])),
    );
    assert!(fx.is_empty(), "in the queue pane: nothing to tell");
    assert_eq!(s.team.names("KC24-GL-007").as_deref(), Some("minh"));
    // To the score pane (queue → detail → checklist → score).
    update(&mut s, Action::NextPane);
    let fx = update(&mut s, Action::NextPane);
    assert_eq!(
        fx,
        vec![Effect::Present {
            pane: Some("checklist")
        }]
    );
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.text == "minh also has KC24-GL-007 open")
    );
    let fx = update(&mut s, Action::NextPane);
    assert_eq!(
        fx,
        vec![Effect::Present {
            pane: Some("score")
        }]
    );
    assert!(s.message.as_ref().is_some_and(|m| {
        m.text
            .starts_with("minh is in the score of KC24-GL-007 too")
    }));
    // minh leaves: nothing shown, nothing told.
    update(&mut s, loaded(Loaded::Presence(Vec::new())));
    assert_eq!(s.team.names("KC24-GL-007"), None);
}
