package org.secflow.intel;

import java.util.List;
import org.secflow.web.FieldError;
import org.secflow.web.InvalidInputException;

/** A feed file that is not imported (broken, hostile or of an unknown format): 400 naming the field {@code file}. */
class IntelRejected extends InvalidInputException {

    IntelRejected(String reason) {
        super("情报导入被拒绝", List.of(new FieldError("file", reason)));
    }
}
