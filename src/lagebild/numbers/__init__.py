"""Language-independent number parsing and quantity finding; language words live in
`lang/<code>/numbers.yaml` (kind `numbers`)."""
from lagebild.numbers.data import NumberData, compile_number_data
from lagebild.numbers.find import QuantityMatch, find_quantities
from lagebild.numbers.parse import NumeralFormat, parse_numeral, parse_number_word

__all__ = ["NumberData", "NumeralFormat", "QuantityMatch", "compile_number_data", "find_quantities",
           "parse_numeral", "parse_number_word"]
