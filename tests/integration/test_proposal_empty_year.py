import pytest

from programmation.services.errors import ServiceError
from programmation.services.proposal import ProposeOptions, propose


def test_a_year_without_dossiers_is_refused_in_words(demo_database):
    with pytest.raises(ServiceError, match="aucun dossier en 1990"):
        propose(demo_database, ProposeOptions(1990))


def test_the_cli_says_so_instead_of_printing_empty_lists(demo_file, capsys):
    from programmation.cli.main import main

    assert main(["propose", "--db", str(demo_file), "--year", "1990"]) == 2
    assert "aucun dossier en 1990" in capsys.readouterr().err
