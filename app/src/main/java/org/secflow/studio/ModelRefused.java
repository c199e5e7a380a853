package org.secflow.studio;

import java.util.List;
import org.secflow.compliance.ModelProblem;

/** A deployment from the studio was refused; every problem with the element it is about (400). */
public class ModelRefused extends RuntimeException {

    private final transient List<ModelProblem> problems;

    ModelRefused(List<ModelProblem> problems) {
        super("部署被拒绝，模型不符合要求（" + problems.size() + " 项）");
        this.problems = List.copyOf(problems);
    }

    public List<ModelProblem> problems() {
        return problems;
    }
}
