// The staff app's shell with the reference data (taxonomy, departments, users) every staff screen reads. Loaded
// on its own chunk after login, so the members' public form never downloads it.
import { AppLayout } from "./components/app-layout.js";
import { ReferenceDataProvider } from "./reference-data.js";

export function StaffLayout() {
  return (
    <ReferenceDataProvider>
      <AppLayout />
    </ReferenceDataProvider>
  );
}
