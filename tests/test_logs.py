from desktop.logs import mask


def test_mask_hides_credentials_ssn_and_licence_numbers() -> None:
    line = mask("GET /v1 Authorization: Bearer abc123 ssn 123-45-6789 licence number D1234567 mem=XYZ%2B&x=1")
    assert "abc123" not in line and "123-45" not in line and "D1234" not in line and "XYZ" not in line
    assert "6789" in line and "567" in line and "x=1" in line
