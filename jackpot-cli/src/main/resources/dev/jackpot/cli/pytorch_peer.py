# The plain-PyTorch peer of `jackpot bench nn`: the same network, optimiser (SGD lr 0.05, momentum 0.9),
# batch and data, written as a careful PyTorch user would (torch.optim.SGD, F.cross_entropy).
# Usage: python3 pytorch_peer.py THREADS ARCH BATCH EXAMPLES EPOCHS DATA_DIR   (ARCH: lenet-300-100 | lenet-5)
# Prints one line: "peer ARCH torch V threads T batch B examples N: epochs E0 E1 ... s; median M s" (E0 is the warm-up).
# The caller pins OpenBLAS/OpenMP/MKL to THREADS in the environment: torch.set_num_threads alone leaves
# OpenBLAS's own pthreads on every core.
import gzip, os, struct, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

threads, arch, batch, examples, epochs, data = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
torch.set_num_threads(threads)
torch.manual_seed(0)

def idx(stem):
    path = os.path.join(data, stem)
    raw = gzip.open(path + '.gz').read() if os.path.exists(path + '.gz') else open(path, 'rb').read()
    dims = struct.unpack('>' + 'I' * (raw[3]), raw[4:4 + 4 * raw[3]])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * raw[3]).reshape(dims)

x = torch.tensor(idx('train-images-idx3-ubyte')[:examples], dtype=torch.float32).div_(255)
x = x.sub_(x.mean()).div_(x.std()).unsqueeze(1)
y = torch.tensor(idx('train-labels-idx1-ubyte')[:examples], dtype=torch.int64)
if arch == 'lenet-300-100':
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10))
elif arch == 'lenet-5':
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
else:
    sys.exit('no peer for ' + arch)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
n = x.shape[0]
times = []
for epoch in range(epochs + 1):
    perm = torch.randperm(n)
    t0 = time.perf_counter()
    for i in range(0, n, batch):
        b = perm[i:i + batch]
        opt.zero_grad()
        F.cross_entropy(model(x[b]), y[b]).backward()
        opt.step()
    times.append(time.perf_counter() - t0)
measured = sorted(times[1:])
print(f"peer {arch} torch {torch.__version__} threads {threads} batch {batch} examples {n}: epochs {' '.join(f'{t:.3f}' for t in times)} s; "
      f"median {measured[len(measured) // 2]:.3f} s", flush=True)
