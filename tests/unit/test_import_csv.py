"""How a CSV file's encoding and separator are recognised."""

from programmation.adapters.importing.csv_files import detect_delimiter, detect_encoding
from programmation.adapters.importing.table import column_letter


def test_utf8_with_bom_utf8_and_windows_1252_are_told_apart():
    text = "Intitulé;Montant demandé\nÉté des enfants;1 234,50 €\n"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(text.encode("utf-8")) == "utf-8"
    assert detect_encoding(text.encode("cp1252")) == "cp1252"


def test_the_separator_is_the_one_used_outside_quotes():
    assert detect_delimiter("Porteur;Montant\nA;1 234,50\n") == ";"
    assert detect_delimiter('Porteur,Montant\n"Dupont; Fils",1234.50\n') == ","
    assert detect_delimiter('"Porteur, association";"Montant"\n"A, B";"1,5"\n') == ";"
    assert detect_delimiter("Porteur\tMontant\nA\t12\n") == "\t"
    assert detect_delimiter("Porteur\n") == ";"


def test_columns_are_named_as_spreadsheets_name_them():
    assert [column_letter(i) for i in (0, 25, 26, 51, 701, 702)] == [
        "A", "Z", "AA", "AZ", "ZZ", "AAA"]
