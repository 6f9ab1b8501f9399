// The fast engine's parallel-for (fast/thread_pool.hpp): every index exactly once, chunk
// boundaries that do not depend on the thread count, worker numbers in range, and calls made
// while the pool is busy (from inside a chunk, or from a second thread) completing on their
// own calling thread.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "fast/thread_pool.hpp"

namespace tconv::fast {

namespace {

struct Chunks {
  std::mutex mutex;
  std::set<std::pair<int64_t, int64_t>> seen;  // (begin, end)
  std::vector<int> visits;
  std::set<int> workers;
};

void record(Chunks& chunks, int64_t begin, int64_t end, int worker) {
  const std::lock_guard<std::mutex> lock(chunks.mutex);
  chunks.seen.insert({begin, end});
  chunks.workers.insert(worker);
  for (int64_t i = begin; i < end; ++i) ++chunks.visits[static_cast<size_t>(i)];
}

}  // namespace

TEST_CASE("parallel_for visits every index once, in chunks fixed by count and grain") {
  for (const int64_t count : {int64_t{1}, int64_t{7}, int64_t{64}, int64_t{1000}}) {
    for (const int64_t grain : {int64_t{1}, int64_t{3}, int64_t{64}}) {
      std::set<std::pair<int64_t, int64_t>> first;
      for (const int threads : {1, 2, 3, 8}) {
        CAPTURE(count);
        CAPTURE(grain);
        CAPTURE(threads);
        Chunks chunks;
        chunks.visits.assign(static_cast<size_t>(count), 0);
        parallel_for(count, grain, threads,
                     [&](int64_t begin, int64_t end, int worker) { record(chunks, begin, end, worker); });
        CHECK(chunks.visits == std::vector<int>(static_cast<size_t>(count), 1));
        // Chunks are [i*grain, min(count, (i+1)*grain)): the same for every thread count.
        CHECK(static_cast<int64_t>(chunks.seen.size()) == (count + grain - 1) / grain);
        for (const auto& [begin, end] : chunks.seen) {
          CHECK(begin % grain == 0);
          CHECK(end == std::min(count, begin + grain));
        }
        if (threads == 1) first = chunks.seen;
        CHECK(chunks.seen == first);
        for (const int worker : chunks.workers) {
          CHECK(worker >= 0);
          CHECK(worker < threads);
        }
      }
    }
  }
}

TEST_CASE("parallel_for with nothing to do calls nothing") {
  int calls = 0;
  parallel_for(0, 4, 2, [&](int64_t, int64_t, int) { ++calls; });
  CHECK(calls == 0);
}

TEST_CASE("a call from inside a chunk runs on that chunk's thread") {
  std::atomic<int64_t> inner_sum{0};
  std::atomic<int> inner_foreign_workers{0};
  parallel_for(8, 1, 2, [&](int64_t, int64_t, int) {
    const std::thread::id self = std::this_thread::get_id();
    parallel_for(10, 1, 2, [&](int64_t begin, int64_t end, int worker) {
      if (worker != 0 || std::this_thread::get_id() != self) ++inner_foreign_workers;
      for (int64_t i = begin; i < end; ++i) inner_sum += i;
    });
  });
  CHECK(inner_sum == 8 * 45);
  CHECK(inner_foreign_workers == 0);
}

TEST_CASE("a second thread's call while the pool is busy completes on its own") {
  // The first call's chunk 0 waits until the second thread's call is finished: with a pool
  // that queued the second call behind the first, this would never end.
  std::atomic<bool> second_done{false};
  std::atomic<int64_t> second_sum{0};
  std::thread second;
  parallel_for(4, 1, 2, [&](int64_t begin, int64_t, int) {
    if (begin != 0) return;
    second = std::thread([&] {
      parallel_for(100, 7, 2, [&](int64_t b, int64_t e, int) {
        for (int64_t i = b; i < e; ++i) second_sum += i;
      });
      second_done = true;
    });
    while (!second_done) std::this_thread::yield();
  });
  second.join();
  CHECK(second_sum == 99 * 100 / 2);
}

TEST_CASE("many calls in a row from alternating thread counts") {
  // Workers from earlier calls must never run a chunk of a later call twice or with the
  // wrong body (the generation check in the claim counter).
  int64_t total = 0;
  for (int call = 0; call < 2000; ++call) {
    std::atomic<int64_t> sum{0};
    const int64_t count = 1 + call % 37;
    parallel_for(count, 1 + call % 3, 1 + call % 4, [&](int64_t begin, int64_t end, int) {
      for (int64_t i = begin; i < end; ++i) sum += i + 1;
    });
    CHECK(sum == count * (count + 1) / 2);
    total += sum;
  }
  CHECK(total > 0);
}

TEST_CASE("calls alternating few and many chunks run every index of every call once") {
  // A worker late for a call of 2 chunks must not claim a third chunk of it when it reads the
  // next call's chunk count (64): the closing mark in the claim counter. The window is a few
  // instructions wide, so this stress test catches such a bug only sometimes.
  std::vector<std::atomic<int>> visits(64);
  int64_t wrong = 0;
  for (int call = 0; call < 20000; ++call) {
    const int64_t count = call % 2 == 0 ? 2 : 64;
    for (int64_t i = 0; i < count; ++i) visits[static_cast<size_t>(i)] = 0;
    parallel_for(count, 1, 2, [&](int64_t begin, int64_t end, int) {
      for (int64_t i = begin; i < end; ++i) ++visits[static_cast<size_t>(i)];
    });
    for (int64_t i = 0; i < count; ++i) wrong += visits[static_cast<size_t>(i)] != 1;
  }
  CHECK(wrong == 0);
}

}  // namespace tconv::fast
