// Sign in and out. What a role may see and do is enforced by the server; the page only hides what the role
// cannot use.

import { ApiError, currentSession, signIn, signOut } from "../api";
import { h } from "../dom";
import { refreshHeader } from "../main";

export async function signin(main: HTMLElement): Promise<void> {
  const s = currentSession();
  if (s.signed_in && s.user) {
    main.append(
      h("h1", {}, "Your account"),
      h("p", { id: "signed-in-as" }, `You are signed in as ${s.user.display_name || s.user.username}, role: ${s.user.role.replace(/_/g, " ")}${s.user.neighbourhoods.length ? ` (for ${s.user.neighbourhoods.join(", ")})` : ""}.`),
      h("p", {}, "You may: ", s.permissions.map((p) => p.replace(/_/g, " ")).join(", "), "."),
      h("button", { type: "button", id: "signout", onclick: async () => { await signOut(); refreshHeader(); location.hash = "#/"; } }, "Sign out"),
    );
    return;
  }
  const user = h("input", { id: "username", name: "username", autocomplete: "username", required: true });
  const pass = h("input", { id: "password", name: "password", type: "password", autocomplete: "current-password", required: true });
  const msg = h("p", { id: "signin-message", role: "alert" });
  const form = h(
    "form",
    { class: "card narrow", id: "signin-form" },
    h("div", { class: "field" }, h("label", { for: "username" }, "User name"), user),
    h("div", { class: "field" }, h("label", { for: "password" }, "Password"), pass),
    h("button", { type: "submit" }, "Sign in"),
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    msg.textContent = "";
    try {
      await signIn(user.value, pass.value);
      refreshHeader();
      location.hash = "#/signin";
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    } catch (err) {
      msg.className = "error";
      msg.textContent = err instanceof ApiError && err.status === 401 ? "That user name and password do not match an account." : err instanceof Error ? err.message : String(err);
    }
  });
  main.append(h("h1", {}, "Sign in"), h("p", {}, "Programme staff, analysts and Resident Advisers sign in to see and do more. Everyone can read the published profiles without signing in."), form);
}
