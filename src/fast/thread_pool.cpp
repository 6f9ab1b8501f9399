#include "fast/thread_pool.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <memory>
#include <thread>
#include <vector>

namespace tconv::fast {

namespace {

// How long a thread spins before it sleeps in the kernel: a worker between jobs (runs that
// follow each other closely find it awake), the caller waiting for chunks still running.
// Short, because a spinning thread takes CPU time from whatever else runs on the machine,
// and on a busy machine perhaps from the very thread it waits for.
constexpr auto kWorkerSpin = std::chrono::microseconds(100);
constexpr auto kCallerSpin = std::chrono::microseconds(50);

void futex_wait(std::atomic<uint32_t>& word, uint32_t expected) {
  // Returns at once when word != expected; spurious returns are fine (callers loop).
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected, nullptr, nullptr, 0);
}

void futex_wake_all(std::atomic<uint32_t>& word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(&word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Spins until done() or `limit` has passed; true if done.
template <typename Done>
bool spin_until(Done done, std::chrono::microseconds limit) {
  const auto start = std::chrono::steady_clock::now();
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (done()) return true;
      cpu_relax();
    }
    if (std::chrono::steady_clock::now() - start > limit) return done();
  }
}

class Pool {
 public:
  ~Pool() {
    stop_.store(true);
    wake_.fetch_add(1);
    futex_wake_all(wake_);
    for (std::thread& worker : workers_) worker.join();
  }

  void run(int64_t count, int64_t grain, int threads, ChunkFunction function, void* context) {
    const int64_t chunks = (count + grain - 1) / grain;
    // One thread, one chunk, or the pool already in use (a call from inside a chunk, or a
    // second thread): everything on the calling thread.
    if (threads <= 1 || chunks <= 1 || busy_.exchange(true, std::memory_order_acquire)) {
      for (int64_t begin = 0; begin < count; begin += grain)
        function(context, begin, std::min(count, begin + grain), 0);
      return;
    }
    const int participants = static_cast<int>(std::min<int64_t>(threads, chunks));
    start_workers(participants - 1);

    // Close the finished job before its fields change, as a seqlock writer does: a worker
    // still in work() for it may read some fields of the new job below, and then (release
    // fence here, acquire fence there) sees this mark at its claim and gives up, instead of
    // claiming chunk `chunks` of the old job with the new job's larger chunk count.
    const uint64_t previous = claim_.load(std::memory_order_relaxed);
    claim_.store(previous | UINT32_MAX, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    // Publish the job: its fields first, then the claim counter with the new generation.
    done_.store(0, std::memory_order_relaxed);
    function_.store(function, std::memory_order_relaxed);
    context_.store(context, std::memory_order_relaxed);
    count_.store(count, std::memory_order_relaxed);
    grain_.store(grain, std::memory_order_relaxed);
    chunks_.store(static_cast<uint32_t>(chunks), std::memory_order_relaxed);
    participants_.store(participants, std::memory_order_relaxed);
    const uint64_t generation = (previous >> 32) + 1;
    claim_.store(generation << 32);  // seq_cst: ordered before the sleepers_ check below
    wake_.fetch_add(1);
    if (sleepers_.load() > 0) futex_wake_all(wake_);

    work(generation, 0);

    // Every chunk is claimed; wait for those still running on workers.
    const auto all_done = [&] { return done_.load(std::memory_order_acquire) == chunks; };
    if (!spin_until(all_done, kCallerSpin)) {
      caller_waiting_.store(1);
      for (uint32_t d = done_.load(); d != chunks; d = done_.load()) futex_wait(done_, d);
      caller_waiting_.store(0, std::memory_order_relaxed);
    }
    busy_.store(false, std::memory_order_release);
  }

 private:
  // Claims and runs chunks of job `generation` until none is left (or a newer job started:
  // then this thread came late and the old job is finished).
  void work(uint64_t generation, int worker) {
    // Read once. The caller of job `generation` wrote them before publishing it (acquired by
    // this thread's load of claim_ that saw the generation). If any of them comes from a
    // newer job, the fence makes every claim_ access below see that job's closing mark (or
    // later), so no claim succeeds; a successful claim means these are the job's values.
    const ChunkFunction function = function_.load(std::memory_order_relaxed);
    void* const context = context_.load(std::memory_order_relaxed);
    const int64_t count = count_.load(std::memory_order_relaxed);
    const int64_t grain = grain_.load(std::memory_order_relaxed);
    const uint32_t chunks = chunks_.load(std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_acquire);
    uint64_t claim = claim_.load(std::memory_order_acquire);
    for (;;) {
      if ((claim >> 32) != generation || static_cast<uint32_t>(claim) >= chunks) return;
      if (!claim_.compare_exchange_weak(claim, claim + 1, std::memory_order_acquire)) continue;
      const int64_t begin = static_cast<int64_t>(static_cast<uint32_t>(claim)) * grain;
      function(context, begin, std::min(count, begin + grain), worker);
      // seq_cst, as caller_waiting_: either the caller sees this chunk done or this thread sees
      // the caller asleep.
      if (done_.fetch_add(1) + 1 == chunks && caller_waiting_.load() != 0) {
        futex_wake_all(done_);
      }
      claim = claim_.load(std::memory_order_acquire);
    }
  }

  // seen: the generation before the first job this worker may take.
  void worker_loop(int worker, uint64_t seen) {
    for (;;) {
      const auto new_job = [&] { return (claim_.load(std::memory_order_acquire) >> 32) != seen; };
      if (!spin_until([&] { return new_job() || stop_.load(std::memory_order_relaxed); }, kWorkerSpin)) {
        // wake_ read and counted as a sleeper before the last look at claim_ (all seq_cst): a
        // job published after that look bumps wake_ (so the wait returns at once) and, seeing
        // sleepers_ > 0, wakes the sleepers.
        const uint32_t wake = wake_.load();
        sleepers_.fetch_add(1);
        if ((claim_.load() >> 32) == seen && !stop_.load()) futex_wait(wake_, wake);
        sleepers_.fetch_sub(1);
        continue;
      }
      if (stop_.load()) return;
      seen = claim_.load(std::memory_order_acquire) >> 32;
      if (worker < participants_.load(std::memory_order_relaxed)) work(seen, worker);
    }
  }

  // Called only by the thread that holds busy_.
  void start_workers(int wanted) {
    while (static_cast<int>(workers_.size()) < wanted) {
      const int worker = static_cast<int>(workers_.size()) + 1;
      const uint64_t seen = claim_.load() >> 32;
      workers_.emplace_back([this, worker, seen] { worker_loop(worker, seen); });
    }
  }

  std::atomic<bool> busy_{false};
  std::vector<std::thread> workers_;
  // The current job. claim_ = generation << 32 | next chunk index (UINT32_MAX: closed, its
  // fields about to change).
  std::atomic<uint64_t> claim_{0};
  std::atomic<ChunkFunction> function_{nullptr};
  std::atomic<void*> context_{nullptr};
  std::atomic<int64_t> count_{0}, grain_{1};
  std::atomic<uint32_t> chunks_{0};
  std::atomic<int> participants_{0};
  std::atomic<uint32_t> done_{0};            // chunks finished (a futex word)
  std::atomic<uint32_t> caller_waiting_{0};  // the caller sleeps on done_
  std::atomic<uint32_t> wake_{0};            // bumped per job (a futex word)
  std::atomic<int> sleepers_{0};             // workers asleep on wake_
  std::atomic<bool> stop_{false};
};

Pool& pool() {
  static Pool instance;
  return instance;
}

}  // namespace

void parallel_chunks(int64_t count, int64_t grain, int threads, ChunkFunction function, void* context) {
  if (count <= 0) return;
  // Chunk indices are 32-bit (they share a word with the job's generation).
  grain = std::max<int64_t>({grain, 1, (count + UINT32_MAX - 1) / UINT32_MAX});
  pool().run(count, grain, threads, function, context);
}

}  // namespace tconv::fast
