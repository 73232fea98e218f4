# the browsers' own identity: no role at all, so a page that reaches the metadata server gets a token that can do
# nothing; the browser services themselves are made at run time by the functions, one per session
resource "google_service_account" "browsers" {
  account_id   = "${var.name}-browsers"
  display_name = "BrowserGrid browsers (no roles)"
}
