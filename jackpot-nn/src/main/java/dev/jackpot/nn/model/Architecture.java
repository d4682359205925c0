package dev.jackpot.nn.model;

import java.util.Locale;

/** The architectures Jackpot builds, by the names used in specs and on the command line. */
public enum Architecture {
    /** LeNet-300-100: {@link Mlp} with hidden widths 300 and 100. */
    LENET_300_100("lenet-300-100"),
    /** {@link LeNet5}. */
    LENET_5("lenet-5"),
    /** {@link ConvNet} with one stage. */
    CONV_2("conv-2"),
    /** {@link ConvNet} with two stages. */
    CONV_4("conv-4"),
    /** {@link ConvNet} with three stages. */
    CONV_6("conv-6"),
    /** {@link CifarResNet} of depth 20. */
    RESNET_20("resnet-20");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** @return the name, e.g. {@code "lenet-300-100"} */
    public String id() {
        return id;
    }

    /**
     * @param input   {@code [C, H, W]}
     * @param classes output classes
     * @return the network
     */
    public Network create(int[] input, int classes) {
        return switch (this) {
            case LENET_300_100 -> new Mlp(id, input, new int[] {300, 100}, classes);
            case LENET_5 -> new LeNet5(input, classes);
            case CONV_2 -> new ConvNet(1, input, classes);
            case CONV_4 -> new ConvNet(2, input, classes);
            case CONV_6 -> new ConvNet(3, input, classes);
            case RESNET_20 -> new CifarResNet(20, input, classes);
        };
    }

    /**
     * @param name a name such as {@code "lenet-300-100"} or {@code "LENET_300_100"}
     * @return the architecture
     * @throws IllegalArgumentException if there is none of that name
     */
    public static Architecture parse(String name) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown architecture '" + name + "'; known: "
                + java.util.Arrays.stream(values()).map(Architecture::id).toList() + ".");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
