// Entry of the web UI: Mantine theme, router, session.
import "@mantine/core/styles.css";
import { createTheme, MantineProvider } from "@mantine/core";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app.js";
import { SessionProvider } from "./session.js";

const theme = createTheme({
  fontFamily: '"Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif',
  headings: { fontFamily: '"Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif' },
  primaryColor: "teal",
  defaultRadius: "sm",
});

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </MantineProvider>
    </StrictMode>,
  );
}
