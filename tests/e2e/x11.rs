//! The window manager's side of closing a window: under Xvfb there is no window manager, so the
//! test asks the app's window to close the way one would, with a `WM_DELETE_WINDOW` message.
//! (WebDriver's "close window" tears the browsing context down instead, which ends the app.)

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask, MapState, Window};
use x11rb::rust_connection::RustConnection;

fn atom(conn: &RustConnection, name: &str) -> u32 {
    conn.intern_atom(false, name.as_bytes())
        .unwrap()
        .reply()
        .unwrap()
        .atom
}

/// The top-level windows titled `title`.
fn windows_titled(conn: &RustConnection, root: Window, title: &str) -> Vec<Window> {
    let net_wm_name = atom(conn, "_NET_WM_NAME");
    let utf8 = atom(conn, "UTF8_STRING");
    let tree = conn.query_tree(root).unwrap().reply().unwrap();
    tree.children
        .into_iter()
        .filter(|&w| {
            let name = conn
                .get_property(false, w, net_wm_name, utf8, 0, 1024)
                .unwrap()
                .reply()
                .map(|r| r.value)
                .unwrap_or_default();
            name == title.as_bytes()
        })
        .collect()
}

fn connect() -> (RustConnection, Window) {
    let (conn, screen) = x11rb::connect(None).expect("the X display");
    let root = conn.setup().roots[screen].root;
    (conn, root)
}

/// Sends `WM_DELETE_WINDOW` to every window titled `title`; returns how many there were.
pub fn request_close(title: &str) -> usize {
    let (conn, root) = connect();
    let protocols = atom(&conn, "WM_PROTOCOLS");
    let delete = atom(&conn, "WM_DELETE_WINDOW");
    let windows = windows_titled(&conn, root, title);
    for &w in &windows {
        let event = ClientMessageEvent::new(32, w, protocols, [delete, 0, 0, 0, 0]);
        conn.send_event(false, w, EventMask::NO_EVENT, event)
            .unwrap()
            .check()
            .expect("the X server took the close request");
    }
    conn.flush().unwrap();
    windows.len()
}

/// Whether a window titled `title` is on screen.
pub fn is_shown(title: &str) -> bool {
    let (conn, root) = connect();
    windows_titled(&conn, root, title).into_iter().any(|w| {
        conn.get_window_attributes(w)
            .unwrap()
            .reply()
            .is_ok_and(|a| a.map_state == MapState::VIEWABLE)
    })
}
