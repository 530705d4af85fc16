"""The steps of the page pipeline, one concept each; each works on a reduced-size copy of the page
where its result allows and returns what it found, so the page can show and undo it."""
