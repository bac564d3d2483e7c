/**
 * Styles of the "Export dataset" pages, served as a stylesheet at `{basePath}/export/export.css` (the simulator's
 * CSP allows no inline style). Colours are the variables of static/ehr.css.
 */
export const EXPORT_CSS = `/* Sandbox EHR: Export dataset (variables in ehr.css). */
.export-panel {
  background: var(--panel);
  border: 1px solid var(--line);
  border-radius: var(--radius);
  padding: 0.75rem 1rem;
  margin: 0 0 1rem;
}

.export-panel legend {
  font-weight: 600;
  padding: 0 0.25rem;
}

.export-form__fields {
  display: flex;
  flex-wrap: wrap;
  gap: 0.75rem 1.5rem;
}

.export-field {
  display: flex;
  flex-direction: column;
  gap: 0.25rem;
}

.export-facts {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
  gap: 0.5rem 1.5rem;
  margin: 0;
}

.export-facts dt {
  color: var(--muted);
  font-size: 0.85rem;
}

.export-facts dd {
  margin: 0;
  font-size: 1.15rem;
  font-weight: 600;
  font-variant-numeric: tabular-nums;
}

.export-note {
  color: var(--muted);
  font-size: 0.9rem;
  margin: 0.5rem 0 0;
}

.export-notice,
.export-error {
  background: var(--panel);
  border: 1px solid var(--line);
  border-left: 5px solid var(--warning);
  border-radius: var(--radius);
  padding: 0.6rem 0.9rem;
  margin: 0 0 1rem;
}

.export-error {
  border-left-color: var(--critical);
}

.export-notice p,
.export-error p {
  margin: 0;
}

.export-error ul {
  margin: 0.4rem 0 0;
  padding-left: 1.25rem;
}

.export-running {
  border-left: 5px solid var(--info);
}

.export-actions {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem;
  list-style: none;
  padding: 0;
  margin: 0 0 1rem;
}

.export-report {
  display: block;
  width: 100%;
  height: 75vh;
  min-height: 28rem;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  background: #fff;
}

.export-runs {
  margin-top: 1.5rem;
}
`;
