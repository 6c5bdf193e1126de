/** Tailwind CSS 4 runs as a single PostCSS plugin; it finds the sources to scan on its own. */
export default {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};
