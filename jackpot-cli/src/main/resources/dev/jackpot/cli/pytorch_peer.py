# The plain-PyTorch peer of `jackpot bench nn`: the same network, optimiser (SGD with momentum 0.9, the benchmark's LR),
# batch and data, written as a careful PyTorch user would (torch.optim.SGD, F.cross_entropy).
# Usage: python3 pytorch_peer.py THREADS ARCH BATCH EXAMPLES EPOCHS DATA_DIR [LR, default 0.05]   (ARCH: lenet-300-100 | lenet-5 | conv-2 | conv-4 | conv-6 | resnet-20)
# Prints one line: "peer ARCH torch V threads T batch B examples N: epochs E0 E1 ... s; median M s; params P; gemm G GF/s"
# (E0 is the warm-up; P the trainable parameters, which the caller compares with its own network's; G the fastest of ten
# fp32 1024^3 products after three warm-ups, as the caller's libtorch reference, so a slow BLAS shows).
# The caller pins OpenBLAS/OpenMP/MKL to THREADS in the environment: torch.set_num_threads alone leaves
# OpenBLAS's own pthreads on every core.
import gzip, os, struct, sys, time
import numpy as np
import torch, torch.nn as nn, torch.nn.functional as F

threads, arch, batch, examples, epochs, data = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
lr = float(sys.argv[7]) if len(sys.argv) > 7 else 0.05
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
elif arch in ('conv-2', 'conv-4', 'conv-6'):
    # Frankle and Carbin's Conv-2/4/6: pairs of 3x3 convs (padding 1) of widths 64, 128, 256, each pair
    # followed by 2x2 max-pooling; then fc 256, 256, classes (Jackpot's ConvNet)
    layers, c, side = [], 1, 28
    for width in (64, 128, 256)[:int(arch[-1]) // 2]:
        layers += [nn.Conv2d(c, width, 3, padding=1), nn.ReLU(), nn.Conv2d(width, width, 3, padding=1), nn.ReLU(),
                   nn.MaxPool2d(2)]
        c, side = width, side // 2
    model = nn.Sequential(*layers, nn.Flatten(), nn.Linear(c * side * side, 256), nn.ReLU(), nn.Linear(256, 256),
                          nn.ReLU(), nn.Linear(256, 10))
elif arch == 'resnet-20':
    # He et al.'s CIFAR ResNet-20 as OpenLTH's cifar_resnet_20 (Jackpot's CifarResNet): 3 stages of 3 basic
    # blocks, 16/32/64 channels, batch norm, 1x1 stride-2 conv shortcuts where the shape changes
    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)) \
                if stride != 1 or cin != cout else nn.Sequential()

        def forward(self, t):
            return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(t))))) + self.shortcut(t))

    blocks, cin = [], 16
    for s, width in enumerate((16, 32, 64)):
        for b in range(3):
            blocks.append(Block(cin, width, 2 if s > 0 and b == 0 else 1))
            cin = width
    model = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), *blocks,
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))
else:
    sys.exit('no peer for ' + arch)
opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
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
side = 1024
a = torch.arange(side * side, dtype=torch.float32).reshape(side, side).div_(side * side)
b = a.t().contiguous()
best = float('inf')
for r in range(-3, 10):
    t0 = time.perf_counter()
    a.mm(b)
    if r >= 0:
        best = min(best, time.perf_counter() - t0)
print(f"peer {arch} torch {torch.__version__} threads {threads} batch {batch} examples {n}: epochs {' '.join(f'{t:.3f}' for t in times)} s; "
      f"median {measured[len(measured) // 2]:.3f} s; params {sum(p.numel() for p in model.parameters())}; "
      f"gemm {2 * side ** 3 / best / 1e9:.1f} GF/s", flush=True)
