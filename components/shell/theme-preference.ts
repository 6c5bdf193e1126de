/** What the user picked in the header: follow the operating system, or force one theme. */
export type ThemePreference = "system" | "light" | "dark";

/** The localStorage key holding the preference; absent means "system". */
export const themeStorageKey = "streamline-theme";

/** Reads the stored preference, tolerating storage that is blocked or holds junk. */
export function readThemePreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(themeStorageKey);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

/** Stores the preference ("system" removes the key, so a later OS change is followed again). */
export function storeThemePreference(preference: ThemePreference): void {
  try {
    if (preference === "system") window.localStorage.removeItem(themeStorageKey);
    else window.localStorage.setItem(themeStorageKey, preference);
  } catch {
    // Storage blocked (private mode, policy): the choice lasts until the page is reloaded.
  }
}

/** Sets the `dark` class and `color-scheme` on <html> for the preference and the system's current setting. */
export function applyThemePreference(preference: ThemePreference): void {
  const dark = preference === "dark" || (preference === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

/**
 * The same decision as {@link applyThemePreference}, as a script inlined in <head> so the right
 * theme is set before the first paint (no white flash on a dark system). Kept tiny and
 * dependency-free because it runs before any bundle has loaded.
 */
export const themeBootScript = `(function(){try{var p=localStorage.getItem(${JSON.stringify(themeStorageKey)});var d=p==="dark"||(p!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);var e=document.documentElement;e.classList.toggle("dark",d);e.style.colorScheme=d?"dark":"light"}catch(_){}})()`;
