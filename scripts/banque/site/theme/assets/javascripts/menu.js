// The main menu below 1220 px: Material's drawer, opened by a real button.
//
// Material opens its drawer with a <label for="__drawer"> that the keyboard
// cannot reach, and leaves the closed drawer's links in the Tab order while
// they are off-screen (WCAG 2.1.1, 2.4.7, 4.1.2). partials/header.html puts a
// <button aria-expanded> in place of the label; this script makes it open and
// close the drawer (Material's hidden checkbox #__drawer stays the state),
// marks the closed drawer inert, closes it on Escape and when focus leaves it.

const toggle = document.getElementById("__drawer");
const button = document.querySelector("[data-banque-menu]");
const drawer = document.querySelector(".md-sidebar--primary");
// Material shows the navigation as a drawer below 76.25em (1220 px).
const narrow = window.matchMedia("(max-width: 76.234375em)");
const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex='-1'])";

function reachable(element) {
  return !element.closest("[inert]") && element.checkVisibility({ visibilityProperty: true });
}

// In the drawer, a section's sub-menu (and the page's table of contents) is a
// panel that slides in over the whole drawer when its checkbox is ticked: out
// of the Tab order until then, and what it covers is out of the Tab order
// while it is open. Its title (Material's « back » label) becomes a button.
const panelOf = (box) => box.parentElement.querySelector(":scope > nav.md-nav");

function syncPanels() {
  for (const covered of drawer.querySelectorAll("[data-banque-couvert]")) {
    covered.inert = false;
    covered.removeAttribute("data-banque-couvert");
  }
  const open = [];
  for (const box of drawer.querySelectorAll("input.md-nav__toggle")) {
    const panel = panelOf(box);
    if (!panel) continue;
    panel.inert = narrow.matches && !box.checked;
    if (box.checked) open.push(panel);
  }
  const top = open.filter((panel) => !open.some((other) => other !== panel && panel.contains(other)));
  if (!narrow.matches || !top.length) return;
  for (let node = top[0]; node !== drawer && node.parentElement; node = node.parentElement) {
    for (const sibling of node.parentElement.children) {
      if (sibling !== node && sibling.tagName !== "INPUT" && !sibling.inert) {
        sibling.inert = true;
        sibling.setAttribute("data-banque-couvert", "");
      }
    }
  }
}

function prepareBackButtons() {
  for (const title of drawer.querySelectorAll("nav.md-nav > label.md-nav__title[for]")) {
    if (title.htmlFor === toggle.id) continue;
    title.tabIndex = 0;
    title.setAttribute("aria-label", `Revenir au menu précédent (${title.textContent.trim()})`);
  }
}

// The page's own table of contents opens from a <label for="__toc"> that
// Material leaves out of the Tab order (its section labels have tabindex=0):
// a button, saying whether it is open. Material's own listener opens a focused
// label on Enter; Space, a button's other key, is added here.
function prepareTocOpener() {
  const box = drawer.querySelector("input#__toc");
  const opener = drawer.querySelector('label.md-nav__link[for="__toc"]');
  if (!box || !opener) return;
  opener.tabIndex = 0;
  opener.setAttribute("role", "button");
  opener.setAttribute("aria-label", `Table des matières de la page (${opener.textContent.trim()})`);
  const syncOpener = () => opener.setAttribute("aria-expanded", String(box.checked));
  syncOpener();
  box.addEventListener("change", syncOpener);
  opener.addEventListener("keydown", (event) => {
    if (event.key !== " ") return;
    event.preventDefault();
    box.click();
  });
}

// A ticked or unticked sub-menu: focus goes into it, or back to its opener.
function panelToggled(event) {
  const box = event.target;
  syncPanels();
  if (!narrow.matches || !(box instanceof HTMLInputElement) || !panelOf(box)) return;
  const target = box.checked ? panelOf(box).querySelector("label.md-nav__title[tabindex], a[href]")
    : box.parentElement.querySelector(`:scope > label[for="${box.id}"]`);
  // preventScroll: the panel is still sliding in, and focusing it must not scroll the drawer sideways.
  if (target) target.focus({ preventScroll: true });
}

export function sync() {
  const open = toggle.checked;
  button.setAttribute("aria-expanded", String(open));
  drawer.inert = narrow.matches && !open;
  syncPanels();
}

export function setOpen(open) {
  if (toggle.checked !== open) {
    toggle.click(); // a real click: Material's own listeners see the change
  }
  sync();
}

if (toggle && button && drawer) {
  drawer.id ||= "banque-menu-principal";
  button.setAttribute("aria-controls", drawer.id);
  sync();
  toggle.addEventListener("change", sync);
  drawer.addEventListener("change", panelToggled);
  prepareBackButtons();
  prepareTocOpener();
  narrow.addEventListener("change", sync);
  button.addEventListener("click", () => {
    setOpen(!toggle.checked);
    if (toggle.checked) {
      const first = [...drawer.querySelectorAll(FOCUSABLE)].find(reachable);
      if (first) first.focus({ preventScroll: true });
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked || !narrow.matches) return;
    const panels = [...drawer.querySelectorAll("input.md-nav__toggle:checked")].filter(panelOf);
    if (panels.length) {
      panels[panels.length - 1].click(); // back to the menu one level up
    } else {
      setOpen(false);
      button.focus();
    }
  });
  // Tabbing out of the open drawer closes it: the page behind is shown again.
  drawer.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (toggle.checked && narrow.matches && next && !drawer.contains(next)) {
      setOpen(false);
    }
  });
}

// Material's « back to top » button is only faded out while `hidden`: it would
// still take focus, invisible, at the end of every page. Inert while hidden.
const backToTop = document.querySelector(".md-top");
if (backToTop) {
  const syncTop = () => { backToTop.inert = backToTop.hidden; };
  syncTop();
  new MutationObserver(syncTop).observe(backToTop, { attributes: true, attributeFilter: ["hidden"] });
}
