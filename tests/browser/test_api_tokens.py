from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_an_officer_makes_a_token_a_program_reads_with_it_and_the_officer_revokes_it(site, make):
    officer = make.user(role="editor", email="officer@asean.example", name="Siti Rahman")
    make.partnership()
    site.sign_in(officer, PASSWORD)
    site.open("/account")
    site.page.get_by_role("link", name="Manage your API tokens").click()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("API tokens")
    site.check_accessibility()
    site.page.get_by_label("Name").fill("Ministry portal")
    site.page.get_by_label("Read only").check()
    site.page.get_by_role("button", name="Make token").click()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("Your new API token")
    site.check_accessibility()
    token = site.page.locator("#new-token").inner_text().strip()
    assert token.startswith("pct_")

    answer = site.page.request.get(site.root + "/api/v1/partnerships", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    assert [item["name"] for item in answer.json()["items"]] == ["ASEAN–Pakistan"]

    site.page.get_by_role("link", name="Back to your API tokens").click()
    row = site.page.get_by_role("row", name="Ministry portal")
    expect(row).to_contain_text("Read only")
    site.page.get_by_role("link", name="API documentation").click()
    expect(site.page.get_by_role("heading", level=1)).to_have_text("API documentation")
    site.check_accessibility()
    site.page.go_back()
    site.page.get_by_role("row", name="Ministry portal").get_by_role("link", name="Revoke").click()
    site.check_accessibility()
    site.page.get_by_role("button", name="Revoke").click()
    expect(site.page.get_by_text("You have no tokens in use.")).to_be_visible()
    refused = site.page.request.get(site.root + "/api/v1/partnerships", headers={"Authorization": f"Bearer {token}"})
    assert refused.status == 401
