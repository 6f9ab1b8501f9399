// The descriptor streams (io/fd_stream.hpp) and the bounded line reader (io/line_reader.hpp):
// every failure is an exception with the system's reason, and nothing reads without a bound.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <istream>
#include <ostream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "io/fd_stream.hpp"
#include "io/line_reader.hpp"

namespace tconv {
namespace {

// A pipe whose ends close with the object.
struct Pipe {
  int read_end = -1, write_end = -1;
  Pipe() {
    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    read_end = ends[0];
    write_end = ends[1];
  }
  ~Pipe() {
    if (read_end >= 0) ::close(read_end);
    if (write_end >= 0) ::close(write_end);
  }
  std::string drain() {
    ::close(write_end);
    write_end = -1;
    std::string text;
    char block[256];
    for (ssize_t got; (got = ::read(read_end, block, sizeof block)) > 0;) text.append(block, static_cast<size_t>(got));
    return text;
  }
};

TEST_CASE("an output buffer writes through on flush, also blocks larger than itself") {
  Pipe pipe;
  {
    FdOutputBuffer buffer(pipe.write_end, "the pipe");
    std::ostream out(&buffer);
    out.exceptions(std::ios::badbit);
    out << "small " << 42 << '\n';
    out.flush();
  }
  CHECK(pipe.drain() == "small 42\n");

  // Larger than the pipe's own buffer (64 KiB): read on the other side while writing.
  Pipe big;
  const std::string block(200000, 'x');
  std::string received;
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(big.read_end);
    FdOutputBuffer buffer(big.write_end, "the pipe");
    std::ostream out(&buffer);
    out << "head" << block << "tail";
    buffer.flush();
    ::_exit(0);
  }
  received = big.drain();
  ::waitpid(child, nullptr, 0);
  CHECK(received.size() == block.size() + 8);
  CHECK(received.substr(0, 5) == "headx");
  CHECK(received.substr(received.size() - 5) == "xtail");
}

TEST_CASE("a closed descriptor fails at the first write with Bad file descriptor, and keeps failing") {
  FdOutputBuffer buffer(-1, "standard output");
  std::ostream out(&buffer);
  out.exceptions(std::ios::badbit);
  CHECK_THROWS_WITH_AS(out << "x", "cannot write standard output: Bad file descriptor", IoError);
  CHECK_THROWS_WITH_AS(buffer.flush(), "cannot write standard output: Bad file descriptor", IoError);
  // Without exceptions the stream only goes bad; nothing escapes.
  FdOutputBuffer quiet_buffer(-1, "standard output");
  std::ostream quiet(&quiet_buffer);
  quiet << "x";
  CHECK(quiet.bad());
}

TEST_CASE("a reader that went away is a BrokenPipe when SIGPIPE is ignored") {
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  REQUIRE(::sigaction(SIGPIPE, &ignore, &previous) == 0);
  {
    Pipe pipe;
    ::close(pipe.read_end);
    pipe.read_end = -1;
    FdOutputBuffer buffer(pipe.write_end, "standard output");
    std::ostream out(&buffer);
    out.exceptions(std::ios::badbit);
    out << "lost";
    CHECK_THROWS_WITH_AS(buffer.flush(), "cannot write standard output: Broken pipe", BrokenPipe);
  }
  ::sigaction(SIGPIPE, &previous, nullptr);
}

TEST_CASE("an input buffer over a folder says so, over a closed descriptor, Bad file descriptor") {
  const int folder = ::open(std::filesystem::temp_directory_path().c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(folder >= 0);
  {
    FdInputBuffer buffer(folder, "standard input");
    std::istream in(&buffer);
    in.exceptions(std::ios::badbit);
    std::string line;
    CHECK_THROWS_WITH_AS(std::getline(in, line), "cannot read standard input: Is a directory", IoError);
  }
  ::close(folder);
  FdInputBuffer closed(-1, "standard input");
  std::istream in(&closed);
  in.exceptions(std::ios::badbit);
  char c = 0;
  CHECK_THROWS_WITH_AS(in.get(c), "cannot read standard input: Bad file descriptor", IoError);
}

TEST_CASE("lines are bounded, a byte-order mark is skipped, bad text is quoted briefly") {
  std::istringstream in(
      "\xEF\xBB\xBF"
      "first\r\nsecond\n\nlast");
  LineReader reader(in, 16);
  std::string line;
  REQUIRE(reader.next(line));
  CHECK(line == "first\r");
  CHECK(reader.number() == 1);
  REQUIRE(reader.next(line));
  CHECK(line == "second");
  REQUIRE(reader.next(line));
  CHECK(line.empty());
  REQUIRE(reader.next(line));
  CHECK(line == "last");
  CHECK(reader.number() == 4);
  CHECK_FALSE(reader.next(line));

  std::istringstream endless(std::string(100, 'a') + "\n");
  LineReader bounded(endless, 16);
  CHECK_THROWS_WITH_AS(bounded.next(line), "line 1 is longer than 16 bytes: 'aaaaaaaaaaaaaaaa'", DataError);
  // A line of exactly the bound is fine.
  std::istringstream exact(std::string(16, 'b') + "\n");
  LineReader at_bound(exact, 16);
  CHECK(at_bound.next(line));
  CHECK(line.size() == 16);

  CHECK(quoted_excerpt("abc") == "'abc'");
  CHECK(quoted_excerpt(std::string(150, 'z')) == "'" + std::string(100, 'z') + "...'");
  CHECK(quoted_excerpt(std::string("a\0b\x01\xff", 5)) ==
        "'a?b?"
        "?'");  // split: not a trigraph
}

}  // namespace
}  // namespace tconv
