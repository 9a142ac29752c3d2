#include <iostream>
#include <iterator>
#include <string>

#include "paiban/paiban.h"

int main() {
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  paiban::Options opt;
  paiban::Result r = paiban::format(in, opt);
  std::cout << r.page;
  return r.ok ? 0 : 1;
}
