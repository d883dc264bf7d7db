"""The compact GeoNames city table kept between runs: the same cities as the package, rebuilt when stale."""

import json
import threading

import pytest

from kg.entities import known


@pytest.fixture
def fresh_cities(tmp_path, monkeypatch):
    """``known._cities`` with an empty cache directory, computed anew (the process's tables are restored after)."""
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    known._cities.cache_clear()
    yield tmp_path
    known._cities.cache_clear()


def _from_package() -> dict[str, dict]:
    cities = known._geonames().get_cities()
    return {key: known.slim_city(city) for key, city in cities.items()}


def test_a_slim_city_keeps_the_fields_kg_reads():
    cities = known._geonames().get_cities()
    for city in cities.values():
        slim = known.slim_city(city)
        assert {f: slim[f] for f in known.CITY_FIELDS[:-1]} == {f: city[f] for f in known.CITY_FIELDS[:-1]}
        assert set(slim["alternatenames"]) <= set(city["alternatenames"])
        head = city["name"].rpartition("-")[0]
        assert (head in slim["alternatenames"]) == (bool(head) and head in city["alternatenames"])


def test_table_holds_the_package_cities_and_is_read_back(fresh_cities, monkeypatch):
    expected = _from_package()
    first = known._cities()
    assert first == expected
    (table,) = fresh_cities.glob("geonames-cities*.json")
    known._cities.cache_clear()
    # Read back from the table alone: the package's file is not read again.
    monkeypatch.setattr(type(known._geonames()), "get_cities", lambda self: pytest.fail("read the package"))
    again = known._cities()
    assert again == expected
    # Same types as the package gives (ints stay ints, floats floats), field by field.
    key = next(iter(expected))
    assert [type(v) for v in again[key].values()] == [type(v) for v in expected[key].values()]
    assert list(again[key]) == list(known.CITY_FIELDS)
    assert table.stat().st_size < 5_000_000


def test_stale_or_damaged_table_is_rebuilt(fresh_cities):
    known._cities()
    (table,) = fresh_cities.glob("geonames-cities*.json")
    data = json.loads(table.read_text(encoding="utf-8"))
    data["header"]["version"] = "0.0.0-other"
    data["rows"] = [data["rows"][0]]  # a table of another version: one city only
    table.write_text(json.dumps(data), encoding="utf-8")
    known._cities.cache_clear()
    assert len(known._cities()) == len(_from_package())
    table.write_text("{not json", encoding="utf-8")
    known._cities.cache_clear()
    assert known._cities() == _from_package()
    assert json.loads(table.read_text(encoding="utf-8"))["header"]["version"] != "0.0.0-other"


def test_unwritable_cache_directory_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "kg"))
    known._cities.cache_clear()
    try:
        assert known._cities() == _from_package()
    finally:
        known._cities.cache_clear()


def test_a_table_loads_once_when_threads_ask_together(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    calls = []
    real = known._read_city_table

    def counted(table):
        calls.append(threading.current_thread().name)
        return real(table)

    monkeypatch.setattr(known, "_read_city_table", counted)
    known._cities.cache_clear()
    try:
        threads = [threading.Thread(target=known._cities) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(calls) == 1
    finally:
        known._cities.cache_clear()
